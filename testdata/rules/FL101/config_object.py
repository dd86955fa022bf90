import os

from flask import Flask


class BaseConfig:
    DEBUG = True  # want "FL102 .*DEBUG = True, loaded by from_object\\(DevelopmentConfig\\) at line 22, turns debug mode on for dev; dev.run\\(\\) at line 35 starts"
    SECRET_KEY = os.environ.get("SECRET_KEY")


class ProductionConfig(BaseConfig):
    DEBUG = False


class DevelopmentConfig(BaseConfig):
    TESTING = False


CONFIGS = {"production": ProductionConfig, "development": DevelopmentConfig}

dev = Flask(__name__)
dev.config.from_object(DevelopmentConfig)

prod = Flask(__name__)
prod.config.from_object(ProductionConfig)

picked = Flask(__name__)
picked.config.from_object(CONFIGS[os.getenv("APP_CONFIG", "production")])

unknown = Flask(__name__)
unknown.config.from_object(os.environ["APP_CONFIG"])


def main():
    dev.run()  # want "FL101 .*dev.run\\(\\) takes DEBUG=True from from_object\\(DevelopmentConfig\\) and turns on the werkzeug debugger \\(value set at line 7\\)"
    prod.run()
    picked.run()
    unknown.run()
