from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com", "https://admin.example.com"], supports_credentials=True)

regex = Flask(__name__)
CORS(regex, origins=r"^https://(app|admin)\.example\.com$")
