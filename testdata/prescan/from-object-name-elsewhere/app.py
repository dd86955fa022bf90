from flask import Flask
import names
app = Flask(__name__)
app.config.from_object(names.base + ".Prod")
