from flask import Flask


class Config:
    SESSION_COOKIE_SECURE = False  # want "FL702 insecure-session-cookie: SESSION_COOKIE_SECURE=False lets app's cookie travel over plain HTTP although nginx terminates TLS \\(listen 443 ssl at nginx/site.conf:2\\): anyone on the path can read it$" level=warning
    REMEMBER_COOKIE_SECURE = False  # want "FL702 .*REMEMBER_COOKIE_SECURE=False"
    SESSION_COOKIE_SAMESITE = "Lax"


class TestConfig(Config):
    TESTING = True


app = Flask(__name__)
app.config.from_object(Config)

embed = Flask(__name__)
embed.config["SESSION_COOKIE_SAMESITE"] = "None"  # want "FL702 .*SESSION_COOKIE_SAMESITE=\"None\" sends embed's session cookie with cross-site requests, and SESSION_COOKIE_SECURE is not True"

secure_embed = Flask(__name__)
secure_embed.config.update(SESSION_COOKIE_SAMESITE="None", SESSION_COOKIE_SECURE=True)

tests = Flask(__name__)
tests.config.from_object(TestConfig)
