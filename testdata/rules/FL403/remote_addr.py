from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)


def client_ip():
    return request.remote_addr


def last_hop():
    hops = request.headers.get("X-Forwarded-For", "").split(",")
    return hops[-1].strip()
