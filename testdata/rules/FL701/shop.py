from flask import Flask

shop = Flask(__name__)
shop.config["SECRET_KEY"] = "s3cr3t-shop-key"  # want "FL701 hardcoded-secret-key: SECRET_KEY of shop is the literal"
