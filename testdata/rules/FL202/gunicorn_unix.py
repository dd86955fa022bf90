bind = "unix:/run/app.sock"
workers = 4
