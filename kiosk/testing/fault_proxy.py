"""A fault-injecting TCP proxy (障害を起こす中継) between a kiosk and the centre's TLS port, for
the fault tests: it forwards bytes, so TLS stays end to end between the kiosk and the centre,
and it can drop, delay or reset a connection, or lose the centre's answer, when told to.

    with FaultProxy(centre.port) as proxy:              # the kiosk is given proxy.url
        proxy.set(Mode.ANSWER_LOST, when=lambda: step_done(...))   # the next call's answer
        proxy.set(Mode.DROP, times=None)                # every connection, until told again

Modes (`Mode`), switchable at run time from any thread:
- PASS: bytes go through.
- DELAY: each chunk of the centre's answer waits `delay_ms` before it goes on.
- DROP: the connection is closed the moment the kiosk connects (nothing reaches the centre).
- DROP_REQUEST: closed when the kiosk's request arrives, before any of it goes on.
- RESET: as DROP_REQUEST, but with a TCP reset (SO_LINGER 0, then close).
- ANSWER_LOST: the request goes on to the centre; the first bytes the centre sends once
  `when()` holds (the test's condition that the centre did the work: its step is in the
  ledger) are not delivered: `then()` runs (a test kills the centre there, the answer held)
  and the kiosk's line is reset.

Every mode but DROP is taken by the connection that carries the next request; `times` says
for how many connections (None: every one until the mode is set again), then it is PASS again.

The proxy reads TLS's record framing (type and length, never the contents) to know where the
request begins: after the kiosk's ChangeCipherSpec come its encrypted handshake records
(Certificate, CertificateVerify, Finished: TLS 1.3 with a client certificate), then the
application data. `faults` counts the faults made (a connection delayed is one), so a test
can check that its fault did happen; `hang_up()` closes every connection now. `CallHooks`
aims a fault at a chosen call: a kiosk's centre whose calls each run a hook first.
"""

from __future__ import annotations

import enum
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

HOST = "127.0.0.1"
CHANGE_CIPHER_SPEC, APPLICATION_DATA = 0x14, 0x17
#: The kiosk's encrypted handshake records after its ChangeCipherSpec (TLS 1.3, mutual).
HANDSHAKE_RECORDS = 3
CHUNK = 65536


class Mode(enum.Enum):
    PASS = "pass"
    DELAY = "delay"
    DROP = "drop"
    DROP_REQUEST = "drop_request"
    RESET = "reset"
    ANSWER_LOST = "answer_lost"


def _always() -> bool:
    return True


def _nothing() -> None:
    return None


@dataclass
class Fault:
    mode: Mode = Mode.PASS
    times: int | None = 1
    delay_ms: int = 0
    when: Callable[[], bool] = _always
    then: Callable[[], None] = _nothing


class FaultProxy:
    """Listens on `port` (default: one of its own) and forwards to the centre at `upstream`."""

    def __init__(self, upstream: int, *, port: int = 0, host: str = HOST) -> None:
        self.upstream = (host, upstream)
        self._listener = socket.create_server((host, port))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._fault = Fault()
        self._links: set[_Link] = set()
        self._stopping = False
        self.faults = 0                     # faults made so far
        self.connections = 0
        self.errors: list[Exception] = []   # what a fault's `when` or `then` raised
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"https://{self.upstream[0]}:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping = True
        try:                           # wakes the accepting thread (a bare close would not)
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        self.hang_up()
        self._thread.join(5)

    def set(self, mode: Mode, *, times: int | None = 1, delay_ms: int = 0,
            when: Callable[[], bool] = _always, then: Callable[[], None] = _nothing) -> None:
        """From now on: `mode`, for the next `times` connections (None: until set again)."""
        with self._lock:
            self._fault = Fault(mode, times, delay_ms, when, then)

    def clear(self) -> None:
        self.set(Mode.PASS, times=None)

    def _take(self, *modes: Mode) -> Fault | None:
        """The fault set now, if it is one of `modes`, counted against its `times`."""
        with self._lock:
            fault = self._fault
            if fault.mode not in modes or fault.times == 0:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times == 0:
                    self._fault = Fault()
            return fault

    def _made(self) -> None:
        with self._lock:
            self.faults += 1

    def hang_up(self) -> None:
        """Every connection through the proxy is closed now (the kiosk's kept-alive one too),
        so that its next call connects anew: a DROP set now meets that call."""
        with self._lock:
            links = list(self._links)
        for link in links:
            link.close()

    # --- the line ----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping:
            try:
                kiosk, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            if self._take(Mode.DROP) is not None:
                self._made()
                kiosk.close()
                continue
            try:
                centre = socket.create_connection(self.upstream, timeout=5)
            except OSError:                    # the centre is down: so is the line
                _reset(kiosk)
                continue
            centre.settimeout(None)
            link = _Link(self, kiosk, centre)
            with self._lock:
                self._links.add(link)
            link.start()

    def _forget(self, link: _Link) -> None:
        with self._lock:
            self._links.discard(link)


class _Link:
    """One kiosk's connection through the proxy: a thread each way."""

    def __init__(self, proxy: FaultProxy, kiosk: socket.socket, centre: socket.socket) -> None:
        self.proxy, self.kiosk, self.centre = proxy, kiosk, centre
        self.fault: Fault | None = None           # the fault this connection took
        self._closed = threading.Event()
        self._closing = threading.Lock()
        self._pending = b""                      # a record of the kiosk's not yet whole
        self._cipher_changed = False
        self._records = 0                        # encrypted records from the kiosk so far

    def start(self) -> None:
        for source, forward in ((self.kiosk, self._upward), (self.centre, self._downward)):
            threading.Thread(target=self._pump, args=(source, forward), daemon=True).start()

    def close(self, *, reset: bool = False) -> None:
        with self._closing:
            if self._closed.is_set():
                return
            self._closed.set()
        # Shut down first: that wakes the other thread's recv (a bare close would not). To
        # reset, only the reading half: shutting the writing half would send a FIN first.
        if reset:
            _reset(self.kiosk)
        for sock in (self.kiosk, self.centre):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.proxy._forget(self)

    def _pump(self, source: socket.socket, forward: Callable[[bytes], bool]) -> None:
        """What comes from `source`, to `forward` (False: the line is cut), until either end
        closes."""
        try:
            while not self._closed.is_set():
                data = source.recv(CHUNK)
                if not data or not forward(data):
                    break
        except OSError:
            pass
        except Exception as exc:          # a test's `when` or `then` failed: kept for it
            self.proxy.errors.append(exc)
        self.close()

    def _upward(self, data: bytes) -> bool:
        """The kiosk's bytes to the centre, record by record."""
        for record in self._split(data):
            if self._request(record) and not self._claim():
                return False
            self.centre.sendall(record)
        return True

    def _claim(self) -> bool:
        """A request record: the fault set now may take this connection. False: cut."""
        if self.fault is not None:
            return True
        fault = self.proxy._take(Mode.DELAY, Mode.DROP_REQUEST, Mode.RESET, Mode.ANSWER_LOST)
        if fault is None:
            return True
        self.fault = fault
        if fault.mode is not Mode.ANSWER_LOST:     # that one is made when the answer comes
            self.proxy._made()
        if fault.mode in (Mode.DROP_REQUEST, Mode.RESET):
            self.close(reset=fault.mode is Mode.RESET)
            return False
        return True

    def _downward(self, data: bytes) -> bool:
        """The centre's bytes to the kiosk, as they come (a fault may hold or lose them)."""
        fault = self.fault
        if fault is not None and fault.mode is Mode.ANSWER_LOST:
            if fault.when():              # the centre did the work: this is (after) its answer
                self.proxy._made()
                fault.then()
                self.close(reset=True)
                return False
        elif fault is not None and fault.mode is Mode.DELAY:
            time.sleep(fault.delay_ms / 1000)          # the fault itself: a slow line
        self.kiosk.sendall(data)
        return True

    def _split(self, data: bytes) -> list[bytes]:
        """The whole TLS records in what has come so far (the rest waits for more)."""
        buffer, records = self._pending + data, []
        while len(buffer) >= 5:
            length = struct.unpack(">H", buffer[3:5])[0]
            if len(buffer) < 5 + length:
                break
            records.append(buffer[:5 + length])
            buffer = buffer[5 + length:]
        self._pending = buffer
        return records

    def _request(self, record: bytes) -> bool:
        """Whether this record of the kiosk's is application data (past the handshake)."""
        kind = record[0]
        if kind == CHANGE_CIPHER_SPEC:
            self._cipher_changed = True
            return False
        if kind != APPLICATION_DATA or not self._cipher_changed:
            return False
        self._records += 1
        return self._records > HANDSHAKE_RECORDS


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset rather than a FIN: SO_LINGER on, with no time to linger."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    sock.close()


class CallHooks:
    """A kiosk's centre whose calls each run `hooks[name](*args)` first, on the kiosk's own
    thread, just before they go on the line: how a test aims a fault at a chosen call (it
    sets the proxy's mode there, or kills the centre). `hooks` may change at any time."""

    def __init__(self, centre: Any, hooks: dict[str, Callable[..., None]]) -> None:
        self._centre, self.hooks = centre, hooks

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._centre, name)
        if not callable(attribute):
            return attribute

        def hooked(*args: Any, **kwargs: Any) -> Any:
            hook = self.hooks.get(name)
            if hook is not None:
                hook(*args, **kwargs)
            return attribute(*args, **kwargs)

        return hooked


__all__ = ["CallHooks", "Fault", "FaultProxy", "Mode"]
