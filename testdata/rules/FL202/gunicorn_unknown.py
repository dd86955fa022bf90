import os

bind = os.environ["BIND"]
