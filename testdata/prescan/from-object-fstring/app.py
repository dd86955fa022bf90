from flask import Flask
app = Flask(__name__)
ENV = "Prod"
app.config.from_object(f"config.{ENV}")
