from flask import Flask, abort, request

app = Flask(__name__)
app.config["SERVER_NAME"] = "app.example.test"


@app.before_request
def only_our_host():
    if request.host != "app.example.test":
        abort(400)
