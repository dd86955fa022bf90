from flask import Flask
app = Flask(__name__)
from.settings import Prod
app.config.from_object(Prod)
