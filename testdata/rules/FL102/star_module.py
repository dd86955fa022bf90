from flask import Flask

from star_settings import *  # noqa: F403

module_app = Flask(__name__)
module_app.config.from_object(__name__)
