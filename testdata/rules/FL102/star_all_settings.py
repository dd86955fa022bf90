__all__ = ["APP_NAME"]

DEBUG = True  # not exported: from star_all_settings import * leaves it out
APP_NAME = "shop"
