from flask import Flask

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["app.example.test"]
