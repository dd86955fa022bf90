from flask import Flask

app = Flask(__name__)


def start_public():
    app.run("0.0.0.0", 5000, True)  # want "FL101 debug-run: debug=True reaches the werkzeug debugger through app.run, and the same call binds \"0.0.0.0\" \\(all interfaces\\)$" "FL201"


def start_local():
    app.run(host="127.0.0.1", debug=1)  # want "FL101 debug-run: debug=1 reaches the werkzeug debugger through app.run$"


def start_named_host():
    app.run(host="10.0.0.5", debug=True)  # want "FL101 .*debug=True reaches .*binds \"10.0.0.5\"$"


def start_off():
    app.run(debug=False)
    app.run(debug=None)
    app.run(debug=0)
    app.run(debug="")
    app.run(use_debugger=False, debug=True)


def start_debugger_only():
    app.run(use_debugger=True)  # want "FL101 .*use_debugger=True reaches the werkzeug debugger"


def start_forwarded(**options):
    app.run(**options)
