#!/bin/sh
{% if cookiecutter.migrate %}
flask db upgrade
{% endif %}
echo "${#ITEMS}"
exec gunicorn -b "127.0.0.1:${PORT:-8000}" {{ cookiecutter.module }}:app
