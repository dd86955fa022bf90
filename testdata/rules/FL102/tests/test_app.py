from flask import Flask


def make_app():
    app = Flask(__name__)
    app.config["DEBUG"] = True  # want "FL102 .*app.config\\[\"DEBUG\"\\] = True turns debug mode on" level=note
    return app
