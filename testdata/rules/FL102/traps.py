import os

from flask import Flask

parsed = Flask(__name__)
parsed.config["DEBUG"] = os.environ.get("APP_DEBUG") == "1"

off = Flask(__name__)
off.config["DEBUG"] = False
off.config.update(DEBUG=0)

replaced = Flask(__name__)
replaced.config["DEBUG"] = True
replaced.config["DEBUG"] = False

branch = Flask(__name__)
if os.environ.get("DEV"):
    branch.debug = True


class DevelopmentConfig:
    DEBUG = True


unknown = Flask(__name__)
unknown.config.from_object(os.environ["APP_SETTINGS"])
