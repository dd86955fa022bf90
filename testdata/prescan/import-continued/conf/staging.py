class StagingConfig:
    DEBUG = True
