import requests
from flask import Flask, request

app = Flask(__name__)
API = "https://api.partner.example"


@app.get("/weather")
def weather():
    city = request.args.get("city", "")
    return requests.get(f"{API}/weather", params={"city": city}, timeout=5).json()


@app.post("/forward")
def forward():
    body = request.get_json()
    return requests.post("https://api.partner.example/events", json=body).text
