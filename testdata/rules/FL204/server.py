import socket
from socket import create_server

HOST = ""
BLOCKED = ("0.0.0.0", 0)


def listen_any():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 8080))  # want "FL204 socket-bind-all-interfaces: sock.bind binds the host \"\" \\(an empty host means all of them\\): the socket listens on every interface \\(value set at line 4\\); inside a container this is expected" level=note


def listen_with():
    with socket.socket() as s:
        s.bind(("0.0.0.0", 9000))  # want "FL204 .*s.bind binds the host \"0.0.0.0\""
        s.listen()


def listen_v6():
    return create_server(("::", 9001))  # want "FL204 .*create_server binds the host \"::\""


def loopback():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 8080))
    sock.connect(BLOCKED)


class Session:
    def bind(self, addr):
        return addr


def not_a_socket(engine):
    Session().bind(("0.0.0.0", 1))
    engine.bind(BLOCKED)
