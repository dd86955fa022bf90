from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)  # want "FL201 .*Dockerfile:4 \\(python app.py\\) runs the module.*compose publishes its port on all host interfaces" level=warning
