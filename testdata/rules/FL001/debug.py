from flask import Flask

app = Flask(__name__)


def main():
    app.run(debug=True)  # want "FL101 debug-run: debug=True reaches the werkzeug debugger"
