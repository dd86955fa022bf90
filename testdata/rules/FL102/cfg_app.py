from flask import Flask

cfg_app = Flask(__name__)
# Flask executes the file as Python, whatever its extension.
cfg_app.config.from_pyfile("cfg_settings.cfg")
