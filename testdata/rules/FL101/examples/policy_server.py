from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True)  # want "FL101 debug-run: debug=True reaches the werkzeug debugger" level=note
