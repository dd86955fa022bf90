from flask import Flask, request

app = Flask(__name__)
ALLOWED_ORIGINS = ("https://app.example.com", "https://admin.example.com")


@app.after_request
def cors(resp):
    origin = request.headers.get("Origin", "")
    if origin not in ALLOWED_ORIGINS:
        return resp
    resp.headers["Access-Control-Allow-Origin"] = origin
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    resp.headers["Vary"] = "Origin"
    return resp
