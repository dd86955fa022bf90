from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)


def client_ip():
    forwarded = request.headers.get("X-Forwarded-For", "")
    return forwarded.split(",")[0].strip() or request.remote_addr  # want "FL403 client-ip-from-forwarded-header: the left-most X-Forwarded-For entry \\(forwarded.split\\(\",\"\\)\\[0\\]\\) is written by the client, not by a proxy" level=warning
