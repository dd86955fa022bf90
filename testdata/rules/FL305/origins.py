import re

from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)
CORS(app, origins=r"https://.*\.example\.com", supports_credentials=True)  # want "FL305 cors-weak-origin: CORS\\(...\\) allows origin \"https://\\.\\*\\\\\\\\.example\\\\\\\\.com\": the regular expression has no end anchor \\(\\$\\), .*, and supports_credentials lets it act as the logged-in user$" level=error

glob = Flask(__name__)
CORS(glob, origins=["https://*.example.com", "https://app.example.com"])  # want "FL305 .*allows origin \"https://\\*.example.com\": it is a regular expression, not a glob" level=warning

dotted = Flask(__name__)
CORS(dotted, origins=[r"^https://app.example.com$"])  # want "FL305 .*an unescaped dot in the regular expression matches any character"

sandboxed = Flask(__name__)
CORS(sandboxed, origins=["null", "https://app.example.com"])  # want "FL305 .*allows origin \"null\": \"null\" is the origin of sandboxed iframes"

compiled = Flask(__name__)
CORS(compiled, resources={r"/api/*": {"origins": re.compile("https://partner.example.com")}})  # want "FL305 .*for resources \"/api/\\*\" allows origin \"https://partner.example.com\": the regular expression has no end anchor"

configured = Flask(__name__)
configured.config["CORS_ORIGINS"] = [r"https://(www\.)?example\.com"]
CORS(configured)  # want "FL305 .*allows origin .*\\(value set at line 22\\)"

safe = Flask(__name__)
CORS(safe, origins=["https://app.example.com", "http://localhost:3000"], supports_credentials=True)
CORS(safe, origins=[r"^https://[a-z0-9-]+\.example\.com$"], supports_credentials=True)
CORS(safe, origins="https://app.example.com")


@safe.get("/widget")
@cross_origin(origins=[r"^https://(www\.)?example\.com$"])
def widget():
    return {"ok": True}
