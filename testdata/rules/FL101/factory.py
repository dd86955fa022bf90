from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(DEBUG=True, SECRET_KEY="dev")  # want "FL102 .*app.run\\(\\) at run.py:9 starts the werkzeug debugger" "FL701 .*SECRET_KEY of app is the literal \"dev\""
    return app
