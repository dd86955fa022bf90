from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)


def serve():
    app.run(debug=True)  # want "FL101 .*debug=True reaches the werkzeug debugger through app.run; loopback does not protect it: Werkzeug==2.3.8 at legacy/requirements.txt:2 predates the debugger's host check \\(3.0.3\\), so DNS rebinding reaches it from a browser$"
