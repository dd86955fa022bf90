from flask import Flask

app = Flask(__name__)  # want "FL503 .*nginx passes any host name to it \\(no server_name at linked/nginx/nginx.conf:5" level=warning
