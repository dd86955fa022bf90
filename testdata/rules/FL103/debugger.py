import os

from flask import Flask
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

app = Flask(__name__)
EVALEX = True

app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)  # want "FL103 werkzeug-debugger: DebuggedApplication\\(...\\) with evalex=True serves the werkzeug debugger's python console under any server$" level=error
open_console = DebuggedApplication(app, EVALEX, pin_security=False)  # want "FL103 .*with evalex=True \\(value set at line 8\\) serves .*, and pin_security=False removes the PIN that guards it$"
tracebacks = DebuggedApplication(app)  # want "FL103 .*without evalex shows every client tracebacks with source code" level=warning
quiet = DebuggedApplication(app, evalex=os.environ.get("EVALEX") == "1")  # want "FL103 .*without evalex shows every client tracebacks"

os.environ["WERKZEUG_DEBUG_PIN"] = "off"  # want "FL103 .*os.environ\\[\"WERKZEUG_DEBUG_PIN\"\\] = \"off\" disables the werkzeug debugger's PIN: .*python console without one$" level=error
os.environ.setdefault("WERKZEUG_DEBUG_PIN", "OFF")  # want "FL103 .*disables the werkzeug debugger's PIN"
os.environ["WERKZEUG_DEBUG_PIN"] = "123-456-789"


def serve():
    run_simple("127.0.0.1", 5000, app, use_debugger=True)  # want "FL103 .*run_simple\\(...\\) with use_debugger=True serves the werkzeug debugger's python console \\(use_evalex defaults to True\\)$" level=error
    run_simple("0.0.0.0", 5000, app, use_reloader=True)  # want "FL201 .*host=\"0.0.0.0\" makes the development server listen on all interfaces through run_simple$"
    run_simple("localhost", 5000, app, True, True, False)  # want "FL103 .*use_evalex=False, so there is no console" level=warning
    run_simple("localhost", 5000, app, use_debugger=False)
