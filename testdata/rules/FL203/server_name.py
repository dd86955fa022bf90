import os

from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "0.0.0.0:5000"  # want "FL203 server-name-all-interfaces: SERVER_NAME=\"0.0.0.0:5000\" names the all-interfaces address \"0.0.0.0\": app.run\\(\\) at line 23 binds it because it passes no host$" level=error

configured = Flask(__name__)
configured.config.from_mapping(SERVER_NAME=os.environ.get("SERVER_NAME", "[::]:8000"))  # want "FL203 .*SERVER_NAME=\"\\[::\\]:8000\" names the all-interfaces address \"\\[::\\]\" \\(overridable by SERVER_NAME\\); no app.run\\(\\) falls back to it" level=note

named = Flask(__name__)
named.config["SERVER_NAME"] = "api.example.test:5000"  # want "FL505"
TRUSTED = ["api.example.test"]

data = Flask(__name__)
data.config["ALLOWED"] = ["0.0.0.0:5000"]
data.config["SERVER_NAME"] = "0.0.0.0:5000"
data.config["SERVER_NAME"] = None
banner = "SERVER_NAME = 0.0.0.0:5000"


def main():
    app.run()  # want "FL201 .*falls back to SERVER_NAME=\"0.0.0.0:5000\""
    app.run(host="127.0.0.1")
