from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# A Procfile platform: its router is the only way in.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
