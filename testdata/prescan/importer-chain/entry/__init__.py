from myapp import app
