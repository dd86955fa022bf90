from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com"], allow_private_network=True)  # want "FL306 cors-private-network: CORS\\(...\\) sets allow_private_network=True: public sites its origins allow can send requests to this app on a private network$" level=warning

everyone = Flask(__name__)
everyone.config["CORS_ALLOW_PRIVATE_NETWORK"] = True
CORS(everyone)  # want "FL306 .*sets allow_private_network=True \\(value set at line 8\\)" level=error
# want -1 "FL302" level=note

off = Flask(__name__)
CORS(off, origins=["https://app.example.com"], allow_private_network=False)
CORS(off, origins=["https://app.example.com"])
