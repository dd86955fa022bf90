from flask import Flask, url_for

app = Flask(__name__)  # want "FL503 no-host-allowlist: this app answers requests for any host name: TRUSTED_HOSTS is not set, no before_request hook checks the Host header, nginx passes any host name to it \\(server_name app.example.test at proxied/nginx/site.conf:3 is the default server and accepts every name\\); url_for\\(..., _external=True\\) at line 8 builds absolute links from the Host the client sends; set TRUSTED_HOSTS = \\[\"your.host.name\"\\]$" level=warning


@app.post("/reset")
def reset():
    link = url_for("confirm", token="t", _external=True)
    return {"link": link}
