import os

from flask import Flask
from flask_cors import CORS, cross_origin

ORIGINS = [".*"]
CREDENTIALS = os.environ.get("CORS_CREDENTIALS", "true")

star = Flask(__name__)
CORS(star, origins="*", supports_credentials=True)  # want "FL301 .*origins=\"\\*\" allows every site"

regex = Flask(__name__)
CORS(regex, origins=ORIGINS, supports_credentials=CREDENTIALS)  # want "FL301 .*origins=\\[\".\\*\"\\] allows every site"

per_resource = Flask(__name__)
CORS(per_resource, resources={r"/api/*": {"origins": "*", "supports_credentials": True}, r"/public/*": {"origins": ["https://app.example.com"]}})  # want "FL301 .*CORS\\(...\\) for resources \"/api/\\*\" sends Access-Control-Allow-Credentials to any origin"

ext = CORS(supports_credentials=True)
factory_app = Flask(__name__)
ext.init_app(factory_app)  # want "FL301 .*ext.init_app\\(...\\) sends Access-Control-Allow-Credentials to any origin"

chained = Flask(__name__)
CORS(supports_credentials=True).init_app(chained)  # want "FL301 .*CORS\\(supports_credentials=True\\).init_app\\(...\\) sends Access-Control-Allow-Credentials to any origin"

configured = Flask(__name__)
configured.config["CORS_SUPPORTS_CREDENTIALS"] = True
CORS(configured)  # want "FL301 .*CORS\\(...\\) sends Access-Control-Allow-Credentials to any origin"

broken = Flask(__name__)
CORS(broken, supports_credentials=True, send_wildcard=True)  # want "FL301 .*supports_credentials together with send_wildcard=True: flask-cors raises ValueError at start-up, so the app does not start" level=warning


@star.get("/me")
@cross_origin(supports_credentials=True)  # want "FL301 .*@cross_origin\\(...\\) sends Access-Control-Allow-Credentials to any origin"
def me():
    return {"user": "demo"}
