from flask import Flask

SILENT = "README.txt"
app = Flask(__name__)
app.config.from_pyfile("setup.cfg", silent=SILENT)
