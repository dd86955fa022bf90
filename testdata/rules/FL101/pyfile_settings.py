# settings for the flask app, loaded with from_pyfile
DEBUG = True  # want "FL102 .*loaded by from_pyfile\\(\"pyfile_settings.py\"\\) at pyfile.py:4"
SECRET_KEY = "dev"  # want "FL701"
