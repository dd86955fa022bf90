from flask import Flask
app = Flask(__name__)
import settings
app.config.from_object(settings)
