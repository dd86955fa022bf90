from factory import create_app
from flask_socketio import SocketIO

app = create_app()
socketio = SocketIO(app)


def serve():
    app.run()  # want "FL101 .*app.run\\(\\) takes DEBUG=True from app.config.from_mapping\\(...\\) .*\\(value set at factory.py:6\\)"


def serve_socketio():
    socketio.run(app, host="127.0.0.1", debug=True)  # want "FL101 .*debug=True reaches the werkzeug debugger through socketio.run"
    socketio.run(app, debug=False)
