from flask import Flask

app = Flask(__name__)

# A reason, in each of the accepted forms: the findings are hidden.
app.run(host="0.0.0.0", port=8000)  # flasklint: ignore[FL201] runs in a container, published on 127.0.0.1 only
app.run(host="0.0.0.0", port=8001)  # flasklint: ignore[FL201] -- same container
app.run(host="0.0.0.0", port=8002)  # flasklint: ignore[FL2]: the whole family, same container

# flasklint: ignore[FL201] a comment alone on its line applies to the next code line
app.run(
    host="0.0.0.0",
    port=8003,
)
