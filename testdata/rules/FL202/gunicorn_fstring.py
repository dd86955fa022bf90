bind = "127.0.0.1:8000"
bind = f"0.0.0.0:{port}"  # want "FL202 .*gunicorn binds \"0.0.0.0:...\""
