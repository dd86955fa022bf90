from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)
CORS(app)  # want "FL302 cors-any-origin: CORS\\(...\\) allows any origin: origins is not set and flask-cors's default \"\\*\" echoes back whatever Origin the request carries \\(without credentials\\)" level=note

star = Flask(__name__)
CORS(star, origins="*")  # want "FL302 .*origins=\"\\*\" allows every site \\(without credentials\\)"

api = Flask(__name__)
CORS(api, resources={r"/api/*": {"origins": "*"}})  # want "FL302 .*for resources \"/api/\\*\" allows any origin"

listed = Flask(__name__)
CORS(listed, origins=["https://app.example.com", "http://0.0.0.0:4100"])

config_list = Flask(__name__)
config_list.config.from_object("settings.Config")
CORS(config_list)

whitelist = Flask(__name__)
whitelist.config.from_object(__name__.replace("app", "settings"))
CORS(whitelist, origins=whitelist.config.get("CORS_ORIGIN_WHITELIST", "*"))


@app.get("/public")
@cross_origin()  # want "FL302 .*@cross_origin\\(...\\) allows any origin"
def public():
    return {"ok": True}
