from flask import Flask

from names import PRODUCTION

app = Flask(__name__)
app.config.from_object(PRODUCTION)
