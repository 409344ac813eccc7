"""The printer: writes each page it is given (PDF bytes) into the output tray directory.

Terminals may share one home, and so one output tray: each claims its file names by exclusive
create, and hands out (`take`) only the pages it printed. Pages are owner-only (personal data).

A fault can be switched on (`paper_out`, `jam`), optionally after a number of good copies
in the job, to show a paper jam mid-job. Receipts come from the receipt unit, which keeps
working when the main paper path is jammed (so the refund can be shown on paper).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from pathlib import Path
from typing import Protocol

from backend.private_files import new_private_file, private_dir
from backend.reasons import Reason

FAULTS = {"paper_out": Reason.PRINTER_PAPER_OUT, "jam": Reason.PRINTER_JAM}


class PrinterFault(Exception):
    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class Printer(Protocol):
    fault: Reason | None
    @property
    def status(self) -> Reason | None:
        """The fault it shows now (before a job: the kiosk takes no money while it shows one)."""
    def begin_job(self) -> None: ...
    def print_copy(self, pdf: bytes) -> Path: ...
    def print_receipt(self, pdf: bytes) -> Path: ...
    def set_fault(self, fault: str | Reason | None, after: int = 0) -> None: ...
    def take(self, kind: str | None = None) -> list[Path]: ...
    @property
    def tray(self) -> tuple[Path, ...]: ...


def as_fault(fault: str | Reason | None) -> Reason | None:
    if fault is None or isinstance(fault, Reason):
        return fault
    if fault not in FAULTS:
        raise ValueError(f"unknown printer fault {fault!r}; have: {', '.join(FAULTS)}")
    return FAULTS[fault]


class SimulatedPrinter:
    def __init__(self, output_tray: Path, *, fault: str | Reason | None = None,
                 fault_after: int = 1, seconds_per_page: float = 0.0) -> None:
        self.output_tray = output_tray
        # A real multi-copy machine takes seconds a page (the demo shows ⑫'s progress);
        # scripts and tests print at once.
        self.seconds_per_page = seconds_per_page
        self.fault = as_fault(fault)
        self.fault_after = fault_after
        self._in_job = 0
        self._tray: list[Path] = []
        self._lock = threading.Lock()
        # Numbers go on rising across restarts: the next after the highest already in the tray.
        self._names = itertools.count(_highest_number(output_tray) + 1)

    def set_fault(self, fault: str | Reason | None, after: int = 0) -> None:
        """Staff switch: a fault from now on (after `after` more good copies), or clear it."""
        with self._lock:
            self.fault = as_fault(fault)
            self.fault_after = after
            self._in_job = 0

    @property
    def status(self) -> Reason | None:
        """Faulted now: a fault with no good copies left before it (set so, or tripped by a
        job). A fault still `after` copies away is not visible yet."""
        with self._lock:
            return self.fault if self.fault is not None and self.fault_after <= 0 else None

    def begin_job(self) -> None:
        with self._lock:
            self._in_job = 0

    def print_copy(self, pdf: bytes) -> Path:
        with self._lock:
            if self.fault is not None and self._in_job >= self.fault_after:
                self.fault_after = 0          # a jam stays until staff clear it (F12)
                raise PrinterFault(self.fault)
            self._in_job += 1
            page = self._write("certificate", pdf)
        if self.seconds_per_page > 0:
            time.sleep(self.seconds_per_page)      # on the job's thread: the screen goes on
        return page

    def print_receipt(self, pdf: bytes) -> Path:
        with self._lock:
            return self._write("receipt", pdf)

    def _write(self, kind: str, pdf: bytes) -> Path:
        private_dir(self.output_tray)
        # Claim a free name by exclusive create: a page that an earlier session, or another
        # terminal on this home, printed under that name is never written over.
        while True:
            path = self.output_tray / f"{kind}-{next(self._names):04d}.pdf"
            try:
                page = new_private_file(path)
                break
            except FileExistsError:
                continue
        with page:
            page.write(pdf)
        self._tray.append(path)
        return path

    @property
    def tray(self) -> tuple[Path, ...]:
        with self._lock:
            return tuple(self._tray)

    def take(self, kind: str | None = None) -> list[Path]:
        """The person takes what is in the tray — everything, or only "certificate" or
        "receipt" pages (the files are theirs now)."""
        with self._lock:
            taken = [p for p in self._tray if kind is None or p.name.startswith(f"{kind}-")]
            self._tray = [p for p in self._tray if p not in taken]
            return taken


def _highest_number(output_tray: Path) -> int:
    """The highest page number in the tray (`certificate-0012.pdf` → 12), 0 for none."""
    numbers = [int(m.group(1)) for p in (output_tray.glob("*-*.pdf") if output_tray.is_dir() else ())
               if (m := _NUMBERED.fullmatch(p.name))]
    return max(numbers, default=0)


_NUMBERED = re.compile(r"[a-z]+-(\d+)\.pdf")
