from flask import Flask
from flask_cors import CORS

api = Flask(__name__)
CORS(api, origins=["https://app.example.com"])  # want "FL306 .*CORS\\(...\\) leaves allow_private_network unset, and flask-cors==4.0.1 at svc/requirements.txt:3 answers private network preflights with true by default \\(before 5.0.0\\)"

internal = Flask(__name__)
CORS(internal, origins=["https://app.example.com"], allow_private_network=False)
