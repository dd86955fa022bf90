class Production:
    DEBUG = True  # want "FL102 .*DEBUG = True, loaded by from_object\\(Production\\) at star_app.py:6, turns debug mode on for star_app"
