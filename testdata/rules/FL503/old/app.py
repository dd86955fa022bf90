from flask import Flask, url_for

legacy = Flask(__name__)  # want "FL503 .*TRUSTED_HOSTS at line 4 has no effect before Flask 3.1 \\(Flask>=2.2,<3.1 at old/requirements.txt:1\\), no before_request hook checks the Host header; url_for\\(..., _external=True\\) at line 12 .*; Flask>=2.2,<3.1 at old/requirements.txt:1, which has no TRUSTED_HOSTS: set Request.trusted_hosts or check request.host in a before_request hook$"
legacy.config["TRUSTED_HOSTS"] = ["app.example.test"]

named = Flask(__name__)
named.config["SERVER_NAME"] = "app.example.test"


@legacy.get("/link")
def link():
    return url_for("link", _external=True)
