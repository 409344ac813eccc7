"""The terminal's note of the print job under way, kept on disk (不揮発メモリ).

A copy is noted the moment the printer has put it out, before the centre hears of it. If the
kiosk process dies in between, its next start reports those copies printed before anything
else (`replay`), so a copy a person took away is never refunded as unprinted, and the centre
refunds exactly the copies that did not come out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from backend.private_files import private_dir, write_private


class PrintJournal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._session: str | None = None
        self._copies: list[int] = []

    def begin(self, session_id: str) -> None:
        self._session, self._copies = session_id, []
        self._write()

    def printed(self, copy_no: int) -> None:
        self._copies.append(copy_no)
        self._write()

    def done(self) -> None:
        """Every copy of the job is known to the centre: nothing to replay."""
        self._session, self._copies = None, []
        self.path.unlink(missing_ok=True)

    def pending(self) -> str | None:
        """The session whose job is noted and not yet all known to the centre, if any."""
        note = self._note()
        return None if note is None else note[0]

    def replay(self, report: Callable[[str, int], None]) -> int:
        """At start: report each copy a job left noted (`report(session, copy_no)`), then
        forget the job. Returns how many were reported."""
        note = self._note()
        if note is None:
            self.path.unlink(missing_ok=True)          # nothing noted, or unreadable
            return 0
        session, copies = note
        for copy_no in copies:
            report(session, copy_no)
        self.done()
        return len(copies)

    def _note(self) -> tuple[str, list[int]] | None:
        """(session, copies out) as noted on disk, or None: nothing noted, or unreadable."""
        try:
            note = json.loads(self.path.read_text(encoding="utf-8"))
            return str(note["session"]), [int(n) for n in note["copies"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self) -> None:
        private_dir(self.path.parent)
        write_private(self.path, json.dumps(
            {"session": self._session, "copies": self._copies}).encode())
