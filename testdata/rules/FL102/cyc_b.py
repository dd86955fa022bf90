from cyc_a import *  # noqa: F403
from cyc_a import *  # noqa: F403
from cyc_a import *  # noqa: F403

DEBUG = True  # want "FL102 .*loaded by from_object\\(__name__\\) at cyc_app.py:6, turns debug mode on for cyc_app"
