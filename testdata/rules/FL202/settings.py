bind = "0.0.0.0:8000"
DEFAULTS = {"bind": "0.0.0.0:8000"}
