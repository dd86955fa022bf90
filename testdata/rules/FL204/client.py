import socket

DEFAULT_BIND = ("0.0.0.0", 0)


def connect(host, port):
    sock = socket.create_connection((host, port))
    sock.sendall(b"0.0.0.0")
    return sock


def local_listener():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock
