from flask import Flask, Request

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["https://app.example.test", "app.example.test", ".example.test", ".com", "*"]  # want "FL504 trusted-hosts-suspicious: TRUSTED_HOSTS entry \"https://app.example.test\" has a scheme, so it never matches a host name" "FL504 .*entry \".com\" admits every host under the top-level domain .com" "FL504 .*entry \"\\*\" is not a wildcard" level=warning

HOSTS = ["app.example.test/api"]  # want "FL504 .*entry \"app.example.test/api\" has a path"


class Settings:
    TRUSTED_HOSTS = HOSTS


configured = Flask(__name__)
configured.config.from_object(Settings)


class HostRequest(Request):
    trusted_hosts = ["*.example.test", "api.example.test:443"]  # want "FL504 .*trusted_hosts entry \"\\*.example.test\" is not a wildcard"


good = Flask(__name__)
good.config["TRUSTED_HOSTS"] = ["app.example.test", ".example.test", "localhost", "127.0.0.1"]
