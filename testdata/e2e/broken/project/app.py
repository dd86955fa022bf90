from flask import Flask

app = Flask(__name__)


def broken(:
    pass


app.run(debug=True)
