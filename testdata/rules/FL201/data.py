from flask import Flask, abort, request

app = Flask(__name__)
BLOCKED_TARGETS = {"0.0.0.0", "127.0.0.1", "localhost"}
DEFAULTS = {"bind_addr": "0.0.0.0", "port": 1516}


@app.post("/probe")
def probe():
    if request.json["target"] in BLOCKED_TARGETS:
        abort(400)
    return "queued"


def serve_defaults():
    app.run(host=DEFAULTS["bind_addr"])  # want "FL201 .*host=DEFAULTS\\[\"bind_addr\"\\] \\(\"0.0.0.0\"\\) .*\\(value set at line 5\\)"
