import os

from flask import Flask

app = Flask(__name__)
RAW = os.environ.get("DEBUG", "False")
PARSED = os.environ.get("APP_DEBUG") == "1"
PARSED_ON = os.getenv("APP_DEBUG", "1") == "1"


def raw_default():
    app.run(debug=RAW)  # want "FL101 .*debug=RAW is the string \"False\" unless DEBUG is set, and bool\\(\\) turns any non-empty string on: app.run runs the werkzeug debugger \\(value set at line 6\\)$"


def raw_inline():
    app.run(debug=os.getenv("DEBUG", "no"))  # want "FL101 .*is the string \"no\" unless DEBUG is set"


def no_default():
    app.run(debug=os.environ.get("DEBUG"))  # want "FL101 .*passes the raw environment string to app.run: DEBUG=false or DEBUG=0 turn" level=warning


def parsed():
    app.run(debug=PARSED)
    app.run(debug=os.environ.get("X") == "1")
    app.run(debug=os.getenv("FLASK_DEBUG", "0").lower() in ("1", "true"))


def parsed_default_on():
    app.run(debug=PARSED_ON)  # want "FL101 .*debug=PARSED_ON \\(True\\) reaches the werkzeug debugger through app.run \\(value set at line 8, overridable by APP_DEBUG\\)"


def from_environ_item():
    app.run(debug=os.environ["DEBUG"])


def from_argparse(args):
    app.run(debug=args.debug)
