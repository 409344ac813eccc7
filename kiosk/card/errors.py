"""The one exception the card layer raises: a reason code, and tries left where it matters."""

from __future__ import annotations

from backend.reasons import Reason


class CardError(Exception):
    """NO_CARD, UNKNOWN_CARD, CARD_REMOVED, CARD_UNREADABLE, PIN_WRONG (tries_left > 0),
    PIN_LOCKED, FACE_AUTH_CARD. `detail` is for logs; it never holds the PIN."""

    def __init__(self, reason: Reason, tries_left: int | None = None, detail: str = "") -> None:
        text = reason.value if tries_left is None else f"{reason.value} (tries left: {tries_left})"
        super().__init__(f"{text}: {detail}" if detail else text)
        self.reason = reason
        self.tries_left = tries_left
        self.detail = detail
