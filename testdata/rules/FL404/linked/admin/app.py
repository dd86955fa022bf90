from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# The admin location (unix socket) does not set X-Forwarded-Host.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # want "FL404 .*X-Forwarded-Host with x_host=1, but nginx never sets that header in location / \\(linked/nginx/sites.conf:29\\)" level=error
