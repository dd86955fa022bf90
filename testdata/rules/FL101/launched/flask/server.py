from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hi"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  # want "FL101 debug-run: .*launched/flask/Dockerfile:3 \\(python3 server.py\\) runs the module as a program" "FL201 dev-server-all-interfaces: .*launched/flask/Dockerfile:3 \\(python3 server.py\\) runs the module" level=error
