class BaseConfig:
    DEBUG = True
