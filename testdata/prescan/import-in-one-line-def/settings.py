class Prod:
    DEBUG = True
