from flask import Flask
from flask_cors import CORS, cross_origin

listed = Flask(__name__)
CORS(listed, origins=["https://app.example.com", "http://0.0.0.0:4100"], supports_credentials=True)

off = Flask(__name__)
CORS(off, origins="https://app.example.com", supports_credentials=False)

forwarded = Flask(__name__)
OPTIONS = {"supports_credentials": True}
CORS(forwarded, **OPTIONS)

from_config = Flask(__name__)
from_config.config.from_envvar("SETTINGS")
CORS(from_config, supports_credentials=True)


@listed.get("/me")
@cross_origin(origins=["https://app.example.com"], supports_credentials=True)
def me():
    return {"user": "demo"}
