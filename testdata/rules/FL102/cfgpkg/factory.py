from flask import Flask

factory_app = Flask(__name__)
