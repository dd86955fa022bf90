# The Flask app of this tree: with it, the sockets of the other files are
# the sockets of a Flask deployment and are checked.
from flask import Flask

app = Flask(__name__)
