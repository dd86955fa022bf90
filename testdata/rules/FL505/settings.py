from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "app.example.test"  # want "FL505 server-name-not-a-guard: SERVER_NAME=\"app.example.test\" does not restrict which hosts the app app answers since Flask 3.1 \\(no pin of Flask was found, so the current release \\(3.1.2\\) is assumed\\), and TRUSTED_HOSTS is not set; add TRUSTED_HOSTS = \\[\"app.example.test\"\\]$" level=note

guarded = Flask(__name__)
guarded.config.update(SERVER_NAME="app.example.test", TRUSTED_HOSTS=["app.example.test"])

local = Flask(__name__)
local.config["SERVER_NAME"] = "localhost:5000"
