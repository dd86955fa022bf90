from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "0.0.0.0:5000"

other = Flask(__name__)
other.config["SERVER_NAME"] = "api.example.test:5000"


def main():
    app.run(host="")  # want "FL201 .*app.run\\(host=\"\"\\) falls back to SERVER_NAME=\"0.0.0.0:5000\" from app.config\\[\"SERVER_NAME\"\\]: the development server listens on \"0.0.0.0\", all interfaces \\(value set at line 4\\)"
    other.run()
