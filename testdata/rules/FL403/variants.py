from flask import Flask, jsonify, request
from flask_limiter import Limiter

app = Flask(__name__)
limiter = Limiter(app, key_func=lambda: request.headers.get("X-Real-IP"))  # want "FL403 .*request.headers.get\\(\"X-Real-IP\"\\) is taken as the client's address"
ALLOWED = {"10.0.0.1"}


def route_ip():
    return request.access_route[0]  # want "FL403 .*request.access_route\\[0\\] is the left-most X-Forwarded-For entry, which is written by the client"


def inline():
    ip = (request.environ.get("HTTP_X_FORWARDED_FOR") or request.remote_addr).split(",")[0]  # want "FL403 .*left-most X-Forwarded-For entry"
    return ip


def listed():
    return request.headers.getlist("X-Forwarded-For")[0]  # want "FL403 .*left-most X-Forwarded-For entry"


def parts():
    hops = request.headers["X-Forwarded-For"].split(",")
    first = hops[0]  # want "FL403 .*left-most X-Forwarded-For entry \\(hops\\[0\\]\\)"
    return first


def real_ip():
    client_ip = request.headers.get("X-Real-IP", request.remote_addr)  # want "FL403 .*X-Real-IP.*is taken as the client's address"
    return client_ip


def admin_only():
    if request.headers["X-Real-IP"] not in ALLOWED:  # want "FL403 .*X-Real-IP"
        return "no", 403
    return "ok"


def get_remote_addr():
    return request.headers.get("X-Real-IP") or request.remote_addr  # want "FL403 .*X-Real-IP"


def right_most():
    return request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()


def info():
    return jsonify({
        "connecting_ip": request.headers["X-Real-IP"],
        "proxy_ip": request.headers["X-Forwarded-For"],
    })


def log_line():
    forwarded = request.headers.get("X-Forwarded-For", "")
    app.logger.info("forwarded for %s", forwarded)
    names = "a,b".split(",")
    return names[0]
