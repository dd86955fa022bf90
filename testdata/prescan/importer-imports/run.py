from myapp import app
from settings import HOST, DEBUG_MODE

app.run(host=HOST, port=5000, debug=DEBUG_MODE)
