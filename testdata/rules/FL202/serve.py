from waitress import serve

from settings import DEFAULTS

app = object()


def production():
    serve(app, host="0.0.0.0", port=8080)  # want "FL202 .*waitress serve\\(\\) listens on every interface \\(host=\"0.0.0.0\"\\); inside a container"
    serve(app, listen="*:8080")  # want "FL202 .*listens on every interface \\(listen=\"\\*:8080\"\\)"
    serve(app)  # want "FL202 .*\\(no host or listen: waitress defaults to 0.0.0.0:8080\\)"
    serve(app, listen="127.0.0.1:8080 [::1]:8080")
    serve(app, host="127.0.0.1")
    serve(app, unix_socket="/run/app.sock")
    serve(app, **DEFAULTS)
