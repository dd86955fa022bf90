from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000, debug=True)  # want "FL101 debug-run: .*runs the module as a program" "FL201 .*with the werkzeug debugger on.*compose publishes its port on all host interfaces" level=error
