from core import server

server.run(host="0.0.0.0", debug=True)
