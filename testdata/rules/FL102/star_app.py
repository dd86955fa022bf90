from flask import Flask

from starconf import Production

star_app = Flask(__name__)
star_app.config.from_object(Production)
