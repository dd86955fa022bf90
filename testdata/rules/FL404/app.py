from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)  # want "FL404 proxyfix-header-not-set: ProxyFix trusts X-Forwarded-Host with x_host=1, but nginx never sets that header in location / \\(nginx/site.conf:5\\): the client's own X-Forwarded-Host reaches the app, so the client chooses the host of absolute URLs and redirects$" "FL404 .*X-Forwarded-Prefix with x_prefix=1, but nginx never sets that header in location / \\(nginx/site.conf:5\\) and 1 more" level=error
# want -1 "FL404 .*X-Forwarded-Proto with x_proto=1, but nginx never sets that header in location /api/ \\(nginx/site.conf:12\\)" level=note

defaults = Flask(__name__)
defaults.wsgi_app = ProxyFix(defaults.wsgi_app)  # want "FL404 .*X-Forwarded-Proto with x_proto=1 \\(its default\\).*the client can claim https" level=note

counted = Flask(__name__)
counted.wsgi_app = ProxyFix(counted.wsgi_app, x_for=1, x_proto=0)
