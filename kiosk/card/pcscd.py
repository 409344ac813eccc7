"""Bring up pcscd with the vpcd driver when it is not already running (no systemd needed).

`ensure_pcscd()` returns a `PcscDaemon`: if a pcscd already offers the vpcd reader it is used
as is; otherwise `pcscd --foreground --auto-exit` is started (pcscd needs root to create its
socket in /run/pcscd: as root, or through passwordless `sudo -n`) and stopped again by
`stop()` — only the process started here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from smartcard import scard

from kiosk.card.virtual.vpcd import VPCD_READER_PREFIX

VPCD_DRIVER_CONF = Path("/etc/reader.conf.d/vpcd")


class PcscdUnavailable(RuntimeError):
    """pcscd or the vpcd driver cannot be brought up here (the message says why)."""


def vpcd_readers() -> list[str]:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return []
    try:
        hresult, names = scard.SCardListReaders(context, [])
        return [n for n in names if n.startswith(VPCD_READER_PREFIX)] if hresult == 0 else []
    finally:
        scard.SCardReleaseContext(context)


@dataclass
class PcscDaemon:
    readers: list[str]
    process: subprocess.Popen[bytes] | None = None   # None: an existing pcscd is used
    log_file: Path | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def started_here(self) -> bool:
        return self.process is not None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> PcscDaemon:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _as_root(command: list[str]) -> list[str]:
    """pcscd creates its socket in /run/pcscd: root, or passwordless sudo (CI runners)."""
    if os.geteuid() == 0:
        return command
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"] + command   # sudo passes our SIGTERM on to pcscd
    raise PcscdUnavailable("pcscd is not running and starting it needs root: run as root, "
                           "give passwordless sudo, or start it first "
                           "(`sudo pcscd --foreground &`)")


def ensure_pcscd(timeout: float = 15.0, log_file: Path | None = None, *,
                 detached: bool = False) -> PcscDaemon:
    """A pcscd offering the vpcd reader, started here if needed; PcscdUnavailable if not.

    Normally the pcscd started here exits on `stop()` (and by itself 60 s after its last
    client). `detached=True` starts one that outlives this process (`kiosk card insert`).
    """
    found = vpcd_readers()
    if found:
        return PcscDaemon(found)
    binary = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists()
                                       else None)
    if binary is None:
        raise PcscdUnavailable("pcscd is not installed (Debian package pcscd)")
    if not VPCD_DRIVER_CONF.exists():
        raise PcscdUnavailable(f"{VPCD_DRIVER_CONF} missing (Debian package vsmartcard-vpcd)")
    command = _as_root([binary, "--foreground"] + ([] if detached else ["--auto-exit"]))
    log = open(log_file, "ab") if log_file else None
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL if log is None else log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=detached)
    daemon = PcscDaemon([], process, log_file, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            daemon.stop()
            raise PcscdUnavailable(f"pcscd exited with status {process.returncode} "
                                   "(it needs root, or run the system pcscd service)")
        daemon.readers = vpcd_readers()
        if daemon.readers:
            return daemon
        time.sleep(0.05)   # polling a daemon's start-up: there is no event to wait on
    daemon.stop()
    raise PcscdUnavailable(f"pcscd started but no {VPCD_READER_PREFIX} reader within {timeout}s")
