import threading


class Worker(threading.Thread):
    pass


worker = Worker()
worker.run()
server = object()
server.run(debug=True)
