"""The terminal's note of refunds paid out that the centre has not heard of (不揮発メモリ).

A refund leaves the coin vendor first and is reported (`refund_paid`) after. When the report
cannot get through — the line to a remote centre is down — the coins are out all the same,
and the centre will list that refund as owed at the kiosk's next start (`recover`), having
closed the session meanwhile. This note, on disk, is what keeps the kiosk from paying it a
second time then: what it already paid is reported, and only the rest (if any) paid out.
"""

from __future__ import annotations

import json
from pathlib import Path

from backend.private_files import private_dir, write_private


class RefundJournal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def unreported(self) -> dict[str, int]:
        """session → yen paid out of the vendor and not yet reported to the centre."""
        try:
            note = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(sid): int(yen) for sid, yen in note.items() if int(yen) > 0}
        except (OSError, ValueError, AttributeError, TypeError):
            return {}                    # nothing noted, or unreadable

    def paid(self, session_id: str, yen: int) -> None:
        """`yen` more left the vendor for the session, and the centre was not told."""
        note = self.unreported()
        note[session_id] = note.get(session_id, 0) + yen
        self._write(note)

    def reported(self, *session_ids: str) -> None:
        """The centre knows (or no longer owes) these sessions' refunds: forget them."""
        note = self.unreported()
        if any(sid in note for sid in session_ids):
            self._write({sid: yen for sid, yen in note.items() if sid not in session_ids})

    def _write(self, note: dict[str, int]) -> None:
        if not note:
            self.path.unlink(missing_ok=True)
            return
        private_dir(self.path.parent)
        write_private(self.path, json.dumps(note, sort_keys=True).encode())


__all__ = ["RefundJournal"]
