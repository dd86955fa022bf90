DEBUG = True  # want "FL102 .*loaded by from_object\\(__name__\\) at star_order_app.py:7, turns debug mode on for order_app"
