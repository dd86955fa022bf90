from flask import Flask
app = Flask(__name__)
NAME = "Prod"
app.config.from_object("config." + NAME)
