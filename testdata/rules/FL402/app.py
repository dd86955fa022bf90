from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2)  # want "FL402 proxyfix-too-many-hops: ProxyFix count x_for=2 \\(X-Forwarded-For\\) is above 1 and no proxy was found in the tree"


def client_ip():
    return app.name
