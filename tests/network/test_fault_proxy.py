"""The fault proxy itself, against a stand-in centre that answers each request record: what
each mode lets through, what the kiosk's end of the line sees (a FIN or a reset), and where
it tells the request from the TLS handshake (by the records' framing only)."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from kiosk.testing.fault_proxy import HANDSHAKE_RECORDS, FaultProxy, Mode


def record(kind: int, body: bytes) -> bytes:
    return struct.pack(">BHH", kind, 0x0303, len(body)) + body


HELLO = record(0x16, b"client hello")
HANDSHAKE = HELLO + record(0x14, b"\x01") + b"".join(
    record(0x17, b"handshake %d" % n) for n in range(HANDSHAKE_RECORDS))
REQUEST = record(0x17, b"request")


class Echo:
    """A centre stand-in: keeps what reached it, answers each request record with one."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.requests = threading.Semaphore(0)
        self.hung_up = threading.Semaphore(0)         # a connection to it ended
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            while data := conn.recv(65536):
                self.received += data
                if self.received.endswith(REQUEST):
                    self.requests.release()         # the work is done: then the answer
                    conn.sendall(record(0x17, b"answer"))
        self.hung_up.release()

    def got(self) -> bytes:
        """What reached it, once the proxy's connection to it has ended."""
        assert self.hung_up.acquire(timeout=10)
        return bytes(self.received)


@pytest.fixture
def line() -> Iterator[tuple[Echo, FaultProxy]]:
    echo = Echo()
    with FaultProxy(echo.port) as proxy:
        yield echo, proxy
    echo.server.close()


def kiosk(proxy: FaultProxy) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
    sock.sendall(HANDSHAKE + REQUEST)
    return sock


def test_pass_forwards_both_ways(line) -> None:
    echo, proxy = line
    with kiosk(proxy) as sock:
        assert sock.recv(100) == record(0x17, b"answer")
    assert echo.got() == HANDSHAKE + REQUEST and proxy.faults == 0


def test_drop_closes_on_connect_and_nothing_reaches_the_centre(line) -> None:
    echo, proxy = line
    proxy.set(Mode.DROP)
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        assert sock.recv(100) == b""                        # a FIN
    assert proxy.faults == 1
    with kiosk(proxy) as sock:                               # once only
        assert sock.recv(100) == record(0x17, b"answer")
    assert echo.got() == HANDSHAKE + REQUEST                 # the first never reached it


@pytest.mark.parametrize(("mode", "kiosk_sees"), [(Mode.DROP_REQUEST, b""),
                                                  (Mode.RESET, ConnectionResetError)])
def test_a_cut_at_the_request_passes_the_handshake_and_not_the_request(line, mode, kiosk_sees):
    echo, proxy = line
    proxy.set(mode)
    with kiosk(proxy) as sock:
        if kiosk_sees is ConnectionResetError:
            with pytest.raises(ConnectionResetError):
                sock.recv(100)
        else:
            assert sock.recv(100) == kiosk_sees
    assert proxy.faults == 1
    assert echo.got() == HANDSHAKE                           # every handshake record, no more


def test_answer_lost_once_the_work_is_done_runs_then_and_resets_the_kiosk(line) -> None:
    echo, proxy = line
    held: list[bool] = []
    proxy.set(Mode.ANSWER_LOST, when=lambda: echo.requests.acquire(timeout=10),
              then=lambda: held.append(True))
    with kiosk(proxy) as sock, pytest.raises(ConnectionResetError):
        sock.recv(100)
    assert echo.got() == HANDSHAKE + REQUEST and held == [True]
    assert proxy.faults == 1


def test_a_mode_set_for_good_takes_every_connection_until_cleared(line) -> None:
    echo, proxy = line
    proxy.set(Mode.DROP_REQUEST, times=None)
    for _ in range(3):
        with kiosk(proxy) as sock:
            assert sock.recv(100) == b""
    assert proxy.faults == 3
    proxy.clear()
    with kiosk(proxy) as sock:
        assert sock.recv(100) == record(0x17, b"answer")
