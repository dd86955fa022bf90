from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# nginx forwards to port 9000, not to this app: no proxy is in front of it.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2)  # want "FL402 .*x_for=2 .* is above 1 and no proxy was found in the tree"
