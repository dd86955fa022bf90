import os

from flask import Flask

from config import Config, GeneratedConfig, ProductionConfig, TestingConfig

app = Flask(__name__)
app.config.from_object(Config)

prod = Flask(__name__)
prod.config.from_object(ProductionConfig)

direct = Flask(__name__)
direct.secret_key = "hunter2"  # want "FL701 .*SECRET_KEY of direct is the literal \"hunter2\""

tutorial = Flask(__name__, instance_relative_config=True)
tutorial.config.from_mapping(SECRET_KEY="dev")  # want "FL701 .*SECRET_KEY of tutorial is the literal \"dev\": .* \\(unless tutorial.config.from_pyfile at line 18 replaces it\\)" level=note
tutorial.config.from_pyfile("config.py", silent=True)

env = Flask(__name__)
env.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
env.config.update(SECRET_KEY=os.environ.get("SECRET_KEY"))

generated = Flask(__name__)
generated.config.from_object(GeneratedConfig)

testing = Flask(__name__)
testing.config.from_object(TestingConfig)

empty = Flask(__name__)
empty.config["SECRET_KEY"] = ""

replaced = Flask(__name__)
replaced.config["SECRET_KEY"] = "placeholder"
replaced.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
