from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# One nginx, matched by address with the uWSGI bind: one hop.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

api = Flask(__name__)
api.wsgi_app = ProxyFix(api.wsgi_app, x_for=2, x_proto=1)  # want "FL402 .*x_for=2 .* is above the 1 nginx proxy hop the tree puts in front of the app" level=error
