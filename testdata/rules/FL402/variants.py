import os

import werkzeug.middleware.proxy_fix
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

HOPS = 3

defaults = Flask(__name__)
defaults.wsgi_app = ProxyFix(defaults.wsgi_app)

one = Flask(__name__)
one.wsgi_app = ProxyFix(one.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)

positional = Flask(__name__)
positional.wsgi_app = ProxyFix(positional.wsgi_app, 1, 1, 2)  # want "FL402 .*x_host=2 \\(X-Forwarded-Host\\)"

constant = Flask(__name__)
constant.wsgi_app = werkzeug.middleware.proxy_fix.ProxyFix(constant.wsgi_app, x_for=HOPS, x_proto=HOPS)  # want "FL402 .*ProxyFix counts x_for=3 \\(X-Forwarded-For\\), x_proto=3 \\(X-Forwarded-Proto\\) are above 1"

from_env = Flask(__name__)
from_env.wsgi_app = ProxyFix(from_env.wsgi_app, x_for=int(os.environ["PROXY_HOPS"]))

env_default = Flask(__name__)
env_default.wsgi_app = ProxyFix(env_default.wsgi_app, x_for=int(os.environ.get("PROXY_HOPS", "2")))  # want "FL402 .*x_for=2"
