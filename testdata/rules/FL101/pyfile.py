from flask import Flask

app = Flask(__name__)
app.config.from_pyfile("pyfile_settings.py")

instance = Flask(__name__, instance_relative_config=True)
instance.config.from_pyfile("pyfile_settings.py")


def main():
    app.run()  # want "FL101 .*app.run\\(\\) takes DEBUG=True from from_pyfile\\(\"pyfile_settings.py\"\\) and turns on the werkzeug debugger \\(value set at pyfile_settings.py:2\\)"
    instance.run()
