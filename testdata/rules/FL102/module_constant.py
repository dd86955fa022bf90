from flask import Flask

DEBUG = True  # want "FL102 .*DEBUG = True, loaded by from_object\\(__name__\\) at line 7, turns debug mode on for app"
TESTING = False

app = Flask(__name__)
app.config.from_object(__name__)
