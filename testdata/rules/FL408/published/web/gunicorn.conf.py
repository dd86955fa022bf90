workers = 2
forwarded_allow_ips = "*"  # want "FL408 .*forwarded_allow_ips = \"\\*\" in published/web/gunicorn.conf.py makes gunicorn trust X-Forwarded-Proto" level=error
