"""The link from a virtual card to vsmartcard-vpcd, the reader driver inside pcscd.

vpcd listens on a TCP port (35963 for the first slot, see /etc/reader.conf.d/vpcd) and the
card connects to it, as if pushed into the reader. Every message is a 2-byte big-endian length
and a payload; a 1-byte payload is a control message (0 power off, 1 power on, 2 reset,
4 send the ATR), anything longer is a command APDU, answered with response data + SW.
Closing the connection is pulling the card out: pcscd reports the removal.
"""

from __future__ import annotations

import socket
import threading
import time

from kiosk.card.virtual.inprocess import Chip

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963                # CHANNELID 0x8C7B in /etc/reader.conf.d/vpcd
VPCD_READER_PREFIX = "Virtual PCD"
POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4


def vpcd_reader_name(port: int = DEFAULT_PORT) -> str:
    """pcscd's name for the vpcd slot on `port` (slot n listens on 35963 + n)."""
    return f"{VPCD_READER_PREFIX} 00 {port - DEFAULT_PORT:02d}"


QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def _read_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
        if QUICKACK is not None:
            # vpcd writes the length and the payload separately: acknowledging at once stops
            # Nagle (its side) and delayed ACK (ours) from adding ~40 ms to every APDU.
            sock.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
    return bytes(buf)


class VpcdLink:
    """One card held into the vpcd slot; `start()` connects and answers in a thread."""

    def __init__(self, chip: Chip, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
        self.chip, self.host, self.port = chip, host, port
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.closed = threading.Event()

    def connect(self, timeout: float = 10.0) -> None:
        """Connect to vpcd, retrying until `timeout` (pcscd may still be starting)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=2.0)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise
                self._stopping.wait(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def start(self, timeout: float = 10.0) -> VpcdLink:
        self.connect(timeout)
        self._thread = threading.Thread(target=self.serve, name="vpcd-link", daemon=True)
        self._thread.start()
        return self

    def serve(self) -> None:
        """Answer vpcd until it hangs up or `close()` is called."""
        sock = self._sock
        assert sock is not None
        try:
            while not self._stopping.is_set():
                header = _read_exact(sock, 2)
                if header is None:
                    break
                payload = _read_exact(sock, int.from_bytes(header, "big"))
                if payload is None:
                    break
                answer = self._answer(payload)
                if answer is not None:
                    sock.sendall(len(answer).to_bytes(2, "big") + answer)
        except OSError:
            pass
        finally:
            self.chip.power_off()
            self.closed.set()

    def _answer(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            control = payload[0]
            if control == POWER_OFF:
                self.chip.power_off()
            elif control in (POWER_ON, RESET):
                self.chip.power_on()
            elif control == GET_ATR:
                return self.chip.atr
            return None
        return self.chip.process(payload)

    def close(self) -> None:
        """Pull the card out of the reader."""
        self._stopping.set()
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self.closed.set()

    def __enter__(self) -> VpcdLink:
        return self.start() if self._thread is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()
