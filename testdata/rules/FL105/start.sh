#!/bin/sh
set -e
exec flask --debug run # want "flask run --debug in the script" level=error
flask run --no-debug
