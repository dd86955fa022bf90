from .core import app
