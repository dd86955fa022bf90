import os

from flask import Flask

app = Flask(__name__)


@app.get("/invoices")
def invoices():
    return {"invoices": []}


if os.environ.get("BILLING_DEV"):
    # flasklint: ignore[FL201] the dev container publishes the port on 127.0.0.1 only
    app.run(host="0.0.0.0", port=5000)

# flasklint: ignore[FL101] left over from when this module started the debugger
PORT = int(os.environ.get("PORT", "5000"))

app.run(host="0.0.0.0", port=PORT)  # flasklint: ignore[FL201]
