import logging
import os

from flask import Flask
from settings import PUBLIC_HOST

app = Flask(__name__)
HOST = "0.0.0.0"
LOCAL = "127.0.0.1"
ENV_HOST = os.environ.get("APP_HOST", "0.0.0.0")
PORT = 5000

BLOCKED = {"0.0.0.0", "127.0.0.1"}
ALLOWED_ORIGINS = ["http://0.0.0.0:4100", "http://localhost:4100"]
NETWORKS = ["0.0.0.0/0", "::/0"]
logging.info("binding to 0.0.0.0 is not allowed")
assert HOST == "0.0.0.0"


def literal():
    app.run(host="0.0.0.0")  # want "FL201 dev-server-all-interfaces: host=\"0.0.0.0\" makes the development server listen on all interfaces through app.run$"
    app.run("::", 8080)  # want "FL201 .*host=\"::\" makes"


def constant():
    app.run(host=HOST, port=PORT)  # want "FL201 .*host=HOST \\(\"0.0.0.0\"\\) makes the development server listen on all interfaces through app.run \\(value set at line 8\\)"


def env_default():
    app.run(host=ENV_HOST)  # want "FL201 .*host=ENV_HOST \\(\"0.0.0.0\"\\) .*\\(value set at line 10, overridable by APP_HOST\\)"
    app.run(host=os.getenv("BIND", "[::]"))  # want "FL201 .*\\(\"\\[::\\]\"\\) .*\\(overridable by BIND\\)"


def fstring():
    ip = "0.0.0.0"
    app.run(host=f"{ip}")  # want "FL201 .*host=f\"{ip}\" \\(\"0.0.0.0\"\\) .* \\(value set at line 35\\)"
    app.run(host=f"{ip=}")  # "ip='0.0.0.0'", which is no address


def imported():
    app.run(host=PUBLIC_HOST)  # want "FL201 .*host=PUBLIC_HOST \\(\"0.0.0.0\"\\) .*\\(value set at settings.py:3, overridable by PUBLIC_HOST\\)"


def loopback():
    app.run(host="")
    app.run(host=LOCAL)
    app.run(host=None)
    app.run()
    app.run(host=os.environ.get("APP_HOST"))
    app.run(host=os.environ["APP_HOST"])


def local_shadow():
    HOST = "localhost"
    app.run(host=HOST)
