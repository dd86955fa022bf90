from flask import Flask

app = Flask(__name__)
app.debug = True  # want "FL102 debug-config: app.debug = True turns debug mode on for app; app.run\\(\\) at line 8 starts the werkzeug debugger with it$" level=error


def serve():
    app.run()  # want "FL101 .*takes DEBUG=True from app.debug"
