FLASK_APP=app.py
FLASK_DEBUG=1 # want "env file.*only flask run and load_dotenv read it" level=note
