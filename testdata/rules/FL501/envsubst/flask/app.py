from flask import Flask

app = Flask(__name__)  # want "FL503 .*if its proxy target \\$FLASK_SERVER_ADDR, only known at run time, is this app" level=note


@app.get("/")
def index():
    return "hello"
