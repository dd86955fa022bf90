from cfgpkg.factory import factory_app

INSTANCE_CONFIG = "instance.cfg"
factory_app.config.from_pyfile(INSTANCE_CONFIG)
