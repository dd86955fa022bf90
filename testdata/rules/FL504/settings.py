from flask import Flask


class Config:
    TRUSTED_HOSTS = ["app.example.test", ".app.example.test", "app.example.test:8443"]


app = Flask(__name__)
app.config.from_object(Config)
EXAMPLES = ["https://app.example.test", "*", ".com"]
