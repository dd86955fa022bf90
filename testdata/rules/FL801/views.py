import urllib.request
from http.client import HTTPSConnection
from urllib.parse import urlparse

import httpx
import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.partner.example"}
session = requests.Session()


@app.get("/fetch")
def fetch():
    url = request.args.get("url")
    resp = requests.get(url, timeout=5)  # want "FL801 ssrf-request-url: requests.get\\(\\) requests a URL built from request.args.get\\(\"url\"\\) \\(line 16\\) without an allowlist check: any client can make the server fetch internal addresses \\(cloud metadata, localhost services\\)$" level=error
    return resp.text


@app.post("/hook")
def hook():
    target = request.get_json()["callback"]
    httpx.post(target, json={"ok": True})  # want "FL801 .*httpx.post\\(\\) requests a URL built from request.get_json\\(\\)\\[\"callback\"\\]"
    session.get(f"{request.form['base']}/status")  # want "FL801 .*requests.Session\\(\\).get\\(\\) requests a URL built from request.form\\['base'\\]"
    return "", 204


@app.get("/proxy/<path:target>")
def proxy(target):
    return urllib.request.urlopen("http://" + target).read()  # want "FL801 .*urllib.request.urlopen\\(\\) requests a URL built from the route parameter target"


@app.get("/raw")
def raw():
    conn = HTTPSConnection(request.values["host"])  # want "FL801 .*http.client.HTTPSConnection\\(\\) requests a URL built from request.values\\[\"host\"\\]"
    conn.request("GET", "/")
    return conn.getresponse().read()


@app.get("/checked")
def checked():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return requests.get(url).text


@app.get("/search")
def search():
    q = request.args.get("q", "")
    return requests.get(f"https://api.partner.example/search?q={q}").text


@app.get("/items/<item_id>")
def item(item_id):
    return requests.get("https://api.partner.example/items/" + item_id).json()


@app.get("/validated")
def validated():
    url = request.args.get("url")
    validate_url(url)
    return requests.get(url).text


@app.get("/only-present")
def only_present():
    url = request.args.get("url")
    if not url:
        abort(400)
    return requests.get(url).text  # want "FL801 .*requests.get\\(\\) requests a URL built from request.args.get\\(\"url\"\\) \\(line 69\\)"


def validate_url(url):
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)


def refresh(url):
    return requests.get(url).text


PARTNERS = {"a": "https://a.partner.example/feed", "b": "https://b.partner.example/feed"}
MIRRORS = ["https://m1.example/", "https://m2.example/"]
USER_URLS = {"a": "https://a.partner.example/feed", "b": None}


@app.get("/partner/<name>")
def partner(name):
    # A lookup in a fixed table: whatever the key, one of the listed URLs.
    return requests.get(PARTNERS[name], timeout=5).text


@app.get("/mirror")
def mirror():
    return requests.get(MIRRORS[int(request.args.get("i", "0"))], timeout=5).text


@app.get("/loose/<name>")
def loose(name):
    table = {"a": "https://a.partner.example/"}
    return requests.get(table[name] + request.args["path"], timeout=5).text  # want "FL801 .*requests.get\\(\\) requests a URL built from request.args\\[\"path\"\\]"


@app.get("/mixed/<name>")
def mixed(name):
    return requests.get(USER_URLS[name] or name, timeout=5).text  # want "FL801 .*the route parameter name"
