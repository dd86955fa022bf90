import os

from flask import Flask

app = Flask(__name__)
app.config.from_pyfile(os.environ.get("APP_CONFIG", "prod_settings.py"))
staging = Flask("staging")
staging.config.from_pyfile(os.environ.get("STAGING_CONFIG", "staging.cfg"))
