from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True  # want "FL102 .*app.run\\(\\) at line 7 uses it; the call only runs under" level=note

if __name__ == "__main__":
    app.run()  # want "FL101 .*app.run\\(\\) takes DEBUG=True from app.config\\[\"DEBUG\"\\] and turns on the werkzeug debugger \\(value set at line 4\\); the call only runs under if __name__ == \"__main__\" and no launch file is known to run the module" level=note
