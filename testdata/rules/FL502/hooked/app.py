from flask import Flask, abort, request

ALLOWED_HOSTS = {"app.example.test"}

app = Flask(__name__)


@app.before_request
def check_host():
    if request.host.split(":")[0] not in ALLOWED_HOSTS:
        abort(400)
