from flask import Flask
app = Flask(__name__)
class C: from settings import Prod
app.config.from_object(C.Prod)
