from flask import Flask, Response, request

app = Flask(__name__)
ALLOWED_ORIGINS = {"https://app.example.com"}


@app.after_request
def reflect(resp):
    origin = request.headers.get("Origin", "")
    resp.headers["Access-Control-Allow-Origin"] = origin  # want "FL303 cors-header-reflection: Access-Control-Allow-Origin copies the request's Origin \\(origin\\) without an allowlist check: every site can read the response, and Access-Control-Allow-Credentials: true \\(line 11\\) lets it act as the logged-in user" level=error
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


@app.after_request
def reflect_direct(resp):
    resp.headers.add("Access-Control-Allow-Origin", request.headers["Origin"])  # want "FL303 .*copies the request's Origin \\(request.headers\\[\"Origin\"\\]\\) without an allowlist check: every site can read the response$" level=warning
    return resp


@app.get("/data")
def data():
    return "{}", 200, {"Access-Control-Allow-Origin": request.origin or "*"}  # want "FL303 .*copies the request's Origin \\(request.origin or \"\\*\"\\)"


@app.get("/open")
def open_data():
    resp = Response("{}")
    resp.headers["Access-Control-Allow-Origin"] = "*"  # want "FL303 .*Access-Control-Allow-Origin is set to \"\\*\": every site can read the response$" level=note
    return resp


@app.after_request
def checked(resp):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


@app.after_request
def checked_early(resp):
    origin = request.origin
    if not origin or not origin.endswith(".example.com"):
        return resp
    resp.headers.set("Access-Control-Allow-Origin", origin)
    return resp


@app.after_request
def checked_inline(resp):
    origin = request.headers.get("Origin")
    resp.headers["Access-Control-Allow-Origin"] = origin if origin in ALLOWED_ORIGINS else "null"
    return resp


@app.after_request
def only_truthiness(resp):
    origin = request.headers.get("Origin")
    if origin:
        resp.headers["Access-Control-Allow-Origin"] = origin  # want "FL303 .*copies the request's Origin \\(origin\\)"
    return resp


@app.after_request
def fixed(resp):
    resp.headers["Access-Control-Allow-Origin"] = "https://app.example.com"
    resp.headers["X-Origin"] = request.headers.get("Origin", "")
    return resp


@app.after_request
def preflight_only(resp):
    if request.headers.get("Origin") and request.method == "OPTIONS":
        resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")  # want "FL303 .*copies the request's Origin"
    return resp
