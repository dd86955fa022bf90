#!/bin/sh
set -e
if [ "$1" = web ]; then # want +2 "FL013 shell-parse-error: shell syntax error: .*"
  exec gunicorn -b 127.0.0.1:8000 app:app
fi fi
