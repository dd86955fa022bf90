from .base import BaseConfig


class ProductionConfig(BaseConfig):
    TESTING = False
