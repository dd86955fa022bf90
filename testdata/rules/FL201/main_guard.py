from flask import Flask

app = Flask(__name__)
banner = ""


def main():
    app.run(host="0.0.0.0", port=8000, debug=True)  # want "FL201 .*, with the werkzeug debugger on \\(debug=True\\); the call only runs under if __name__ == \"__main__\"" "FL101 .*binds \"0.0.0.0\"" level=note


if __name__ == "__main__":
    app.run(host="", port=5000)
    main()
