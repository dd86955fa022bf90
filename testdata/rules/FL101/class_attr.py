from flask import Flask


class Settings:
    DEBUG = True


settings = Settings()
app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=settings.DEBUG)  # want "FL101 .*debug=settings.DEBUG \\(True\\) reaches the werkzeug debugger through app.run \\(value set at line 5\\)" level=note
