from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True)  # want "FL301 cors-credentials-any-origin: CORS\\(...\\) sends Access-Control-Allow-Credentials to any origin: supports_credentials is on and origins is not set and flask-cors's default \"\\*\" echoes back whatever Origin the request carries" level=error


@app.get("/api/me")
def me():
    return {"user": "demo"}
