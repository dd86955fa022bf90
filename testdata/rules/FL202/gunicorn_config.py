import os

PORT = os.environ.get("PORT", "8000")
bind = ["unix:/run/app.sock", "0.0.0.0:" + PORT]  # want "FL202 .*gunicorn binds \"0.0.0.0:8000\" \\(overridable by PORT\\), which listens on every interface;"
