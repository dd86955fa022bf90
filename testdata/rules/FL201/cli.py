import argparse

from flask import Flask

app = Flask(__name__)


def main():
    parser = argparse.ArgumentParser(description="dev server")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    app.run(host=args.host, port=args.port, debug=args.debug)  # want "FL201 .*host=args.host \\(\"0.0.0.0\"\\) makes the development server listen on all interfaces through app.run \\(value set at line 10, overridable by --host\\)$"


def local():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    args = parser.parse_args()
    app.run(host=args.host)
