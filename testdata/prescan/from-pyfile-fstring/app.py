from flask import Flask
app = Flask(__name__)
ENV = "prod"
app.config.from_pyfile(f"settings_{ENV}.py")
