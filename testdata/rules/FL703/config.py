from flask import Flask


class Config:
    WTF_CSRF_ENABLED = True


class ProductionConfig(Config):
    WTF_CSRF_ENABLED = False  # want "FL703 csrf-disabled: WTF_CSRF_ENABLED=False turns off CSRF protection for app outside test configuration: any site can submit its forms as a logged-in user$" level=warning


class TestingConfig(Config):
    WTF_CSRF_ENABLED = False


class CIConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False


app = Flask(__name__)
app.config.from_object(ProductionConfig)

testing = Flask(__name__)
testing.config.from_object(TestingConfig)

ci = Flask(__name__)
ci.config.from_object(CIConfig)

api = Flask(__name__)
api.config["WTF_CSRF_ENABLED"] = False  # want "FL703 .*for api outside test configuration"

unit = Flask(__name__)
unit.config["TESTING"] = True
unit.config["WTF_CSRF_ENABLED"] = False
