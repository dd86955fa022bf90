from flask import Flask

from cyc_a import *  # noqa: F403

cyc_app = Flask(__name__)
cyc_app.config.from_object(__name__)
