from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_host=1)


def serve():
    app.run(host="127.0.0.1", debug=True)  # want "FL101 .*debug=True reaches the werkzeug debugger through app.run; ProxyFix at line 5 trusts X-Forwarded-Host, which lets a client pass the debugger's localhost host check$"
