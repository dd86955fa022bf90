import os

from flask import Flask

attr_app = Flask(__name__)
attr_app.debug = True

update_app = Flask(__name__)
update_app.config.update(DEBUG=True)

mapping_app = Flask(__name__)
mapping_app.config.from_mapping({"DEBUG": "yes"})

late_app = Flask(__name__)
late_app.run()
late_app.config["DEBUG"] = True

opaque_app = Flask(__name__)
opaque_app.config["DEBUG"] = True
opaque_app.config.from_envvar("APP_SETTINGS")

branch_app = Flask(__name__)
if os.environ.get("DEV"):
    branch_app.config["DEBUG"] = True


def main():
    attr_app.run()  # want "FL101 .*attr_app.run\\(\\) takes DEBUG=True from attr_app.debug .*\\(value set at line 6\\)"
    update_app.run()  # want "FL101 .*update_app.run\\(\\) takes DEBUG=True from update_app.config.update\\(...\\)"
    mapping_app.run()  # want "FL101 .*takes DEBUG=\"yes\" from mapping_app.config.from_mapping\\(...\\)"
    opaque_app.run()
    branch_app.run()
    update_app.run(debug=False)


helper_app = Flask(__name__)


def enable_debug():
    helper_app.debug = True


def serve_helper():
    helper_app.run()
