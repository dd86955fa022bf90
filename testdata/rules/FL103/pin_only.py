import os

PIN = os.environ.get("WERKZEUG_DEBUG_PIN", "off")
print("the debugger PIN is", PIN)
print("set WERKZEUG_DEBUG_PIN=off to disable it")
