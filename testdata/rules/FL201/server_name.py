from flask import Flask

app = Flask(__name__)
app.config["SERVER_NAME"] = "0.0.0.0:5000"  # want "FL203 .*SERVER_NAME=\"0.0.0.0:5000\" names the all-interfaces address \"0.0.0.0\": app.run\\(\\) at line 11 binds it"

other = Flask(__name__)
other.config["SERVER_NAME"] = "api.example.test:5000"  # want "FL505"


def main():
    app.run(host="")  # want "FL201 .*app.run\\(host=\"\"\\) falls back to SERVER_NAME=\"0.0.0.0:5000\" from app.config\\[\"SERVER_NAME\"\\]: the development server listens on \"0.0.0.0\", all interfaces \\(value set at line 4\\)"
    other.run()
