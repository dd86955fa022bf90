import os

PUBLIC_HOST = os.getenv("PUBLIC_HOST", "0.0.0.0")
