from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# The location that reaches this app (through the shop_app upstream) sets
# every header it trusts.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
