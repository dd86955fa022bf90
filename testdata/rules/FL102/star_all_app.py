from flask import Flask

from star_all_settings import *  # noqa: F403

all_app = Flask(__name__)
all_app.config.from_object(__name__)
