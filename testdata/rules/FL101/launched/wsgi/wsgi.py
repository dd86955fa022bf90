from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # want "FL101 debug-run: .*no launch file is known to run the module" "FL201 .*no launch file is known" level=note
