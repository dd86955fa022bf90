class LocalConfig:
    DEBUG = True
