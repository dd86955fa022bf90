from pkg.factory import app
app.config.from_pyfile("settings.py")
