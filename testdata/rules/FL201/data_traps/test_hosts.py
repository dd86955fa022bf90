import socket


def test_all_interfaces_string():
    host = "0.0.0.0"
    assert host != "127.0.0.1"
    assert socket.inet_aton(host) == b"\x00\x00\x00\x00"


def test_flags():
    options = {"debug": True, "host": "0.0.0.0", "origins": "*"}
    assert options["debug"] is True
    assert options["origins"] == "*"
