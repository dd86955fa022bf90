from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# gunicorn listens on every interface of the host, outside any container.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app)  # want "FL408 .*\\(x_for=1, x_proto=1\\).*host/app.service:2"
