DEBUG = True  # want "FL102 .*DEBUG = True, loaded by from_object\\(__name__\\) at star_module.py:6, turns debug mode on for module_app"
