class ProductionConfig:
    DEBUG = True
