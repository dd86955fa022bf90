from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "localhost:5000"
ALLOWED_ORIGINS = ["http://0.0.0.0:5000"]


def main():
    app.run()
