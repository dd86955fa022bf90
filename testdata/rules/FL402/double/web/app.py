from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# Two proxies each append to X-Forwarded-For: x_for=2 is right here.
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1, x_host=1)

admin = Flask(__name__)
admin.wsgi_app = ProxyFix(admin.wsgi_app, x_for=3)  # want "FL402 .*x_for=3 \\(X-Forwarded-For\\) is above the 2 nginx proxy hops the tree puts in front of the app" level=error
