import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
