"""A centre served on loopback for tests and benchmarks: `kiosk centre serve` as a child
process on a centre home, on a port of its own, always stopped.

    with CentreServer(home).running() as centre:      # the home seeded and migrated already
        ... centre.url ...
        centre.stop(); centre.start()                 # an outage, then the centre back

`kill()` stops it as a crash would (SIGKILL), for the fault tests to come. Its output goes to
`log` (shown in the error when it does not come up).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from backend.demo_data import DEMO_NOW
from backend.testing.postgres import free_port

HOST = "127.0.0.1"


@dataclass
class CentreServer:
    home: Path                                  # the centre's KIOSK_HOME
    database_url: str | None = None             # default: the SQLite file in `home`
    clock: str | None = DEMO_NOW.isoformat()    # where the centre's running clock starts
    workers: int = 1
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    @property
    def log(self) -> Path:
        return self.home.parent / f"centre-{self.port}.log"

    def command(self) -> list[str]:
        argv = [sys.executable, "-m", "kiosk.cli", "centre", "serve", "--host", HOST,
                "--port", str(self.port), "--workers", str(self.workers)]
        if self.database_url:
            argv += ["--database", self.database_url]
        if self.clock:
            argv += ["--clock", self.clock]
        return argv

    def start(self, timeout: float = 60.0) -> CentreServer:
        """Start it and wait until it listens (raises, with its log, if it does not)."""
        if self.process is not None:
            raise RuntimeError("the centre is running already")
        env = {**os.environ, "KIOSK_HOME": str(self.home)}
        env.pop("KIOSK_DATABASE_URL", None)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.command(), env=env, stdout=log, stderr=log,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the centre did not come up:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.05)
        return self

    def _listening(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self, timeout: float = 15.0) -> None:
        """Stop it as staff would (SIGTERM: it finishes what is under way), or kill it when it
        does not stop within `timeout`."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Stop it as a crash would: SIGKILL, mid-call if need be."""
        self._signal(signal.SIGKILL, 15.0)

    def _signal(self, sig: signal.Signals, timeout: float) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)                 # its workers too
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout)

    @contextmanager
    def running(self) -> Iterator[CentreServer]:
        self.start()
        try:
            yield self
        finally:
            self.stop()


__all__ = ["CentreServer", "free_port"]
