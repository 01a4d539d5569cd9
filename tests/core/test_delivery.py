"""What TCP says about a request written without looking at the connection first (``_delivery``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from pinterest_rest._transport._delivery import counts_sent_bytes, unacknowledged

REQUEST = b"GET /v5/user_account HTTP/1.1\r\nHost: x\r\n\r\n"
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"


def _pair(server: Callable[[socket.socket], None]) -> Iterator[socket.socket]:
    """A client socket that has made one answered request to ``server``'s thread."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(ANSWER)
            server(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client = socket.create_connection(listener.getsockname())
    try:
        client.sendall(REQUEST)
        assert client.recv(100) == ANSWER
        yield client
    finally:
        client.close()
        thread.join(5)
        listener.close()


@pytest.fixture(autouse=True)
def _needs_sent_counts() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener, socket.socket() as sock:
        sock.connect(listener.getsockname())
        if not counts_sent_bytes(sock):
            pytest.skip("this kernel's TCP_INFO has no bytes-sent count (Linux 4.19+)")


def _second_request(client: socket.socket) -> None:
    try:
        client.sendall(REQUEST)
        time.sleep(0.05)
        client.recv(100)
    except OSError:
        pass


def test_a_request_written_after_the_server_closed_is_unacknowledged() -> None:
    for client in _pair(lambda conn: None):  # the server closes right after its answer
        time.sleep(0.05)  # its FIN is here before we write
        assert not unacknowledged(client)  # everything so far was answered, so acknowledged
        _second_request(client)
        assert unacknowledged(client)


def test_a_request_the_server_read_and_closed_on_is_acknowledged() -> None:
    def read_then_close(conn: socket.socket) -> None:
        conn.recv(65536)  # the second request arrives; closing acknowledges it with the FIN

    for client in _pair(read_then_close):
        _second_request(client)
        assert not unacknowledged(client)


def test_no_socket_or_a_closed_one_counts_as_acknowledged() -> None:
    assert not unacknowledged(None)
    sock = socket.socket()
    sock.close()
    assert not unacknowledged(sock)
