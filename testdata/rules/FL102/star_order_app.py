from flask import Flask

DEBUG = False
from star_late import *  # noqa: E402,F403  (binds DEBUG again, to True)

order_app = Flask(__name__)
order_app.config.from_object(__name__)
