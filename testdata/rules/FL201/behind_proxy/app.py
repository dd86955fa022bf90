from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)  # want "FL201 .*inside a container whose ports are not published on all host interfaces" level=note
