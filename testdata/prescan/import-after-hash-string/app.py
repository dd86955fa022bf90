from flask import Flask
app = Flask(__name__)
SEP = "#"; import settings
app.config.from_object(settings)
