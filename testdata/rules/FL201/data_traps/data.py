"""Addresses and flags as data.

The server used to bind "0.0.0.0" with debug=True; now it binds
127.0.0.1. CORS(app, origins="*") was replaced by a list.
"""
import ipaddress
import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)

# app.run(host="0.0.0.0", debug=True)  was the old start-up line
BLOCKED = {"0.0.0.0", "::", "127.0.0.1"}
ANY = ["*"]
NETWORKS = [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
ORIGINS = ["http://0.0.0.0:4100", "http://localhost:4100", "https://*.example.com"]
FLAGS = {"debug": True, "evalex": True, "use_debugger": True, "supports_credentials": True}
SETTINGS = {"SECRET_KEY": "not-a-config", "DEBUG": True, "SERVER_NAME": "0.0.0.0:5000"}
DEBUG_DEFAULT = True
WILDCARD = "*"
TRUSTED = ["*", ".com", "https://example.com"]


def describe():
    log.info("refusing to bind 0.0.0.0 with debug=True")
    assert "0.0.0.0" in BLOCKED
    assert FLAGS["debug"] is True
    return {"bind": "0.0.0.0:8000", "wildcard": WILDCARD, "debug": DEBUG_DEFAULT}


@app.get("/probe")
def probe():
    target = request.args.get("target", "")
    if target in BLOCKED or target == "*":
        return jsonify(error="blocked"), 400
    return jsonify(origins=ORIGINS, any=ANY, networks=[str(n) for n in NETWORKS])
