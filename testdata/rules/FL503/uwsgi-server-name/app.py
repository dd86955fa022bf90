from flask import Flask

app = Flask(__name__)  # want "FL503 .*with its own Host header.*server_name and let a separate default server return 444$" level=warning
