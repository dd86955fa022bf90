from flask import Flask
app = Flask(__name__)
ENV = "prod"
app.config.from_object(f"settings_{ENV}")
