from flask import Flask

app = Flask(__name__)

app.run(host="127.0.0.1", port=8000)  # flasklint: ignore[FL201] binds loopback, nothing to hide
# want -1 "FL007 unused-suppression: suppression of FL201 hid nothing: no FL201 finding on line 5" level=note

# flasklint: ignore[FL201] alone on its line, it applies to the next code line, not this one
x = 1
# want -2 "FL007 .*no FL201 finding on line 9"

app.run(host="0.0.0.0", port=8001)  # flasklint: ignore[FL101,FL201] FL201 is hidden, FL101 is unused
# want -1 "FL007 .*suppression of FL101 hid nothing"

# The last line of the file, with no code after it to apply to.
# flasklint: ignore[FL201] nothing follows
# want -1 "FL007 .*no line of code follows it"
