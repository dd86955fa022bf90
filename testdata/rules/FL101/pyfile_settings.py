# settings for the flask app, loaded with from_pyfile
DEBUG = True
SECRET_KEY = "dev"
