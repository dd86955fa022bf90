from flask import Flask
app = Flask(__name__)
def cfg(): import settings; return settings.Prod
app.config.from_object(cfg())
