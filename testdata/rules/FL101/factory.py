from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(DEBUG=True, SECRET_KEY="dev")
    return app
