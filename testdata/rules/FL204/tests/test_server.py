import socket


def test_free_port():
    sock = socket.socket()
    sock.bind(("", 0))  # want "FL204 .*binds the host \"\"" level=note
    assert sock.getsockname()[0] == "0.0.0.0"
