from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# A unix socket: only what runs on the host reaches it.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
