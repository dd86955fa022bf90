from flask import Flask

app = Flask(__name__)

# No reason at all: the suppression does not apply, and FL201 is still reported.
app.run(host="0.0.0.0", port=8000)  # flasklint: ignore[FL201]
# want -1 "FL005 suppression-without-reason: suppression of FL201 gives no reason, so it does not apply" level=warning
# want -2 "FL201 "

# Only the "--" that would introduce a reason.
# flasklint: ignore[FL201] --
app.run(host="0.0.0.0", port=8001)
# want -2 "FL005 suppression-without-reason: suppression of FL201 gives" level=warning
# want -2 "FL201 "
