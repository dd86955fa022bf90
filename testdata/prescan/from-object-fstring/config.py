class Prod:
    DEBUG = True
    WTF_CSRF_ENABLED = False
