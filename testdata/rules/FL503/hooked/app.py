from flask import Flask, abort, request, url_for

ALLOWED_HOSTS = {"app.example.test"}

app = Flask(__name__)


@app.before_request
def check_host():
    if request.host.split(":")[0] not in ALLOWED_HOSTS:
        abort(400)


@app.get("/share")
def share():
    return {"url": url_for("share", _external=True)}


trusted = Flask(__name__)
trusted.config["TRUSTED_HOSTS"] = ["app.example.test"]

from_env = Flask(__name__)
from_env.config.from_prefixed_env()

open_app = Flask(__name__)  # want "FL503 .*TRUSTED_HOSTS is not set, no before_request hook checks the Host header; url_for\\(..., _external=True\\) at line 16 builds absolute links"
open_app.config["TRUSTED_HOSTS"] = None
