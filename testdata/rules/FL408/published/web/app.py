from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # want "^FL408 proxy-trust-reachable-directly: ProxyFix trusts X-Forwarded-\\* \\(x_for=1, x_proto=1\\), but clients reach the app without the proxy: compose publishes its port on all host interfaces \\(published/compose.yaml:12\\) for gunicorn 0.0.0.0:5000 in the compose service web; a client that goes around nginx writes those headers" level=error
