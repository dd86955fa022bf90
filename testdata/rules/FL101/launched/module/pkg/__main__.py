from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True)  # want "FL101 debug-run: .*Procfile:1 \\(python -m pkg\\) runs the module as a program" level=error
