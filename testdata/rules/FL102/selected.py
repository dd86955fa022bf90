import os

from flask import Flask


class BaseConfig:
    DEBUG = False
    SECRET_KEY = os.environ.get("SECRET_KEY")


class DevelopmentConfig(BaseConfig):
    DEBUG = True


class StagingConfig(BaseConfig):
    DEBUG = True  # want "FL102 .*DEBUG = True, loaded by from_object\\(CONFIGS\\[os.environ.get\\(\"APP_CONFIG\", \"staging\\.\\.\\. at line 22, turns debug mode on for app \\(overridable by APP_CONFIG\\); no app.run\\(\\) uses it, and under gunicorn or flask run it only makes exceptions propagate$" level=note


CONFIGS = {"staging": StagingConfig, "development": DevelopmentConfig, "base": BaseConfig}

app = Flask(__name__)
app.config.from_object(CONFIGS[os.environ.get("APP_CONFIG", "staging")])

quiet = Flask(__name__)
quiet.config.from_object(CONFIGS[os.environ.get("APP_CONFIG", "base")])
