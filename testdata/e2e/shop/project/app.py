import os

from flask import Flask, request
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_host=1)
CORS(app, supports_credentials=True)

HOST = os.environ.get("SHOP_HOST", "0.0.0.0")


@app.get("/api/orders")
def orders():
    return {"orders": [], "client": request.remote_addr}


if __name__ == "__main__":
    app.run(host=HOST, port=5000, debug=True)
