from flask import Flask

app = Flask(__name__)  # want "FL503 no-host-allowlist: this app answers requests for any host name: TRUSTED_HOSTS is not set, no before_request hook checks the Host header, nginx passes requests for any host name to it \\(server_name app.example.test at own-host/nginx/site.conf:3 is the default server and accepts every name\\), with its own Host header \\(the client's is not passed on\\), so the app cannot tell the names apart; list the real names in server_name and let a separate default server return 444$" level=warning
