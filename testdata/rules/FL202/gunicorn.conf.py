# gunicorn settings for the api container
bind = ":8000"  # want "FL202 wsgi-bind-all-interfaces: gunicorn binds \":8000\", which listens on every interface \\(an empty host means all of them\\); inside a container this is expected and the published ports decide the exposure" level=note
workers = 2
