import os

from flask import Flask

attr_app = Flask(__name__)
attr_app.debug = True  # want "FL102 .*attr_app.debug = True turns debug mode on for attr_app; attr_app.run\\(\\) at line 28 starts the werkzeug debugger with it"

update_app = Flask(__name__)
update_app.config.update(DEBUG=True)  # want "FL102 .*DEBUG=True in update_app.config.update\\(...\\) turns debug mode on"

mapping_app = Flask(__name__)
mapping_app.config.from_mapping({"DEBUG": "yes"})  # want "FL102 .*DEBUG=\"yes\" in mapping_app.config.from_mapping"

late_app = Flask(__name__)
late_app.run()
late_app.config["DEBUG"] = True  # want "FL102 .*no app.run\\(\\) uses it" level=note

opaque_app = Flask(__name__)
opaque_app.config["DEBUG"] = True  # want "FL102 .*\\(unless opaque_app.config.from_envvar at line 20 replaces it\\)$" level=note
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
    helper_app.debug = True  # want "FL102 .*helper_app.debug = True" level=note


def serve_helper():
    helper_app.run()
