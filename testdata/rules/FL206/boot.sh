#!/bin/bash
source venv/bin/activate
flask db upgrade
exec gunicorn -b :5000 --access-logfile - microblog:app # want "FL206 wsgi-bind-cli: gunicorn binds :5000 in the script: all interfaces" level=note
