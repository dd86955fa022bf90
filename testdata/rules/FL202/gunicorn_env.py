import os

bind = os.environ.get("GUNICORN_BIND", "[::]:8000")  # want "FL202 .*gunicorn binds \"\\[::\\]:8000\" \\(overridable by GUNICORN_BIND\\)"
