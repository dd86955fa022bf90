import os; from conf import local
from conf import (  # the settings modules
    settings,
)
from conf import \
    staging
from flask import Flask

app = Flask(__name__)
app.config.from_object(settings.ProductionConfig)
staging_app = Flask("staging")
staging_app.config.from_object(staging.StagingConfig)
local_app = Flask("local")
local_app.config.from_object(local.LocalConfig)
