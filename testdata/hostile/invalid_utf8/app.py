# café ÿþ
from flask import Flask
app = Flask(__name__)
name = 'Ã( ¡'
app.run(debug=True)
