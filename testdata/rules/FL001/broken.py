from flask import Flask

app = Flask(__name__)


def settings(:  # want "FL001 parse-error"
    return {"DEBUG": True}
