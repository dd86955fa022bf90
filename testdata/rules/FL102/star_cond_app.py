import os

from flask import Flask

if os.environ.get("ENV") == "dev":
    from star_dev import *  # noqa: F403  (only in development: not reported)

cond_app = Flask(__name__)
cond_app.config.from_object(__name__)
