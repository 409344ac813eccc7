"""`kiosk serve` on a free port, on a fresh copy of the seeded demo home, and browsers on it.

The server runs as the command line runs it (its own process, KIOSK_HOME in its environment,
the demo's clock), its output in a log file that a failure shows. Chromium and its driver come
from set-up's Debian list: without them the tests fail, they are never skipped.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from backend.config import Paths
from tests.browser.kiosk_page import CHROMEDRIVER, CHROMIUM, KioskPage
from tests.conftest import copy_home

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "browser"     # var/ is git-ignored
DEMO_CLOCK = "2026-06-10T10:00"
START_SECONDS = 30.0


@dataclass
class ServedKiosk:
    url: str
    paths: Paths
    log: Path
    process: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kiosk_apps(self) -> list[int]:
        """The `kiosk run` processes the server has started (one per connection) and that
        still run."""
        return [pid for pid, argv in self._group() if b"kiosk.cli" in argv and b"run" in argv]

    def _group(self) -> list[tuple[int, list[bytes]]]:
        """The server's children, with their command lines (empty for one that has exited
        and is not yet reaped)."""
        members = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == self.process.pid:
                continue
            try:
                if os.getpgid(int(entry.name)) == self.process.pid:
                    members.append((int(entry.name), (entry / "cmdline").read_bytes().split(b"\0")))
            except OSError:
                continue                    # gone meanwhile
        return members

    def stopped(self, timeout: float = 20.0) -> str:
        """The server's whole output, once every connection's app has ended and been reaped
        (textual-serve then logs what each wrote on stderr; stopped sooner, it may find an exit
        it had not yet taken in) and the server has stopped (its output flushed)."""
        deadline = time.monotonic() + timeout
        while self._group():                # until the server has reaped every app it started
            assert time.monotonic() < deadline, f"a kiosk app outlived its browser:\n{self.output()}"
            time.sleep(0.1)
        stop(self.process)
        return self.output()

    def page(self, size: tuple[int, int], screenshots: Path) -> KioskPage:
        """A browser window on the kiosk: what a person who opens the URL gets."""
        return KioskPage(self.url, size, screenshots)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def browser_installed() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: set-up installs chromium and "
                    "chromium-driver (scripts/lib/setup.sh)", pytrace=False)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture
def served_kiosk(seeded_template: Paths, tmp_path: Path) -> Iterator[ServedKiosk]:
    browser_installed()
    paths = copy_home(seeded_template, tmp_path / "kiosk-home")
    env = {**os.environ, "KIOSK_HOME": str(paths.home)}
    env.pop("KIOSK_DATABASE_URL", None)
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("wb") as out:
        # Its own process group: the kiosk apps it starts per connection end with it.
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "serve", "--port", str(port),
             "--clock", DEMO_CLOCK, "--print-seconds", "0.5"], env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
    served = ServedKiosk(f"http://127.0.0.1:{port}/", paths, log, process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not (served.url in served.output() and _answers(served.url)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"kiosk serve did not start:\n{served.output()}", pytrace=False)
            time.sleep(0.1)
        yield served
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """As Ctrl+C would: the server closes each connection, whose app shuts down; whatever
    of the group is left after that is killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
