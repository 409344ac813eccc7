"""What every job of the terminal shares: the session's secrets (on the terminal only: the
centre's challenge, the card's certificate, the coin sequence), the session id a centre call
needs, and the shapes of a job's outcomes and of an effect's handler."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backend.api import SessionStart
from backend.reasons import Reason, ServiceError
from kiosk.flow import Context, Event

if TYPE_CHECKING:
    from kiosk.terminal.terminal import Terminal

Outcomes = Iterable[tuple[Event, dict[str, Any]]]
Handler = Callable[["Terminal", Context, "str | None"], None]


@dataclass
class SessionSecrets:
    start: SessionStart | None = None       # the session and the centre's challenge
    certificate_der: bytes | None = None     # the card's user-auth certificate, read at ②
    coin_seq: int = 0                        # each coin's number, for the centre's ledger

    def forget(self) -> None:
        self.start, self.certificate_der, self.coin_seq = None, None, 0


def opened(sid: str | None) -> str:
    """The session's id for a centre call. The flow holds none when an outcome of an earlier
    session moved it on before this one opened; the call is refused then, exactly as the
    centre refuses an id that names no session."""
    if sid is None:
        raise ServiceError(Reason.UNKNOWN_SESSION, repr(sid))
    return sid
