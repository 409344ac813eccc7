"""The centre's plumbing: session states, the per-call context under the session's row lock,
and the checks every step shares, opened by one `CentreCore._step`. `backend.service` builds
the centre on it.

Every call is one unit of work that first locks its session row. Steps that move money or
paper store their result in `session_steps` (`backend.step_results`); a retry returns the
stored result, so nothing is charged or issued twice. A refused call raises `ServiceError`
before writing anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.exc import DataError, StatementError
from sqlalchemy.orm import Session, joinedload

from backend import registry
from backend.api import IssuedCopy
from backend.api_services import Service
from backend.clock import Clock
from backend.config import Paths
from backend.db import Database
from backend.models import Household, Issuance, Kiosk, KioskSession, Payment, Resident
from backend.reasons import Reason, ServiceError
from backend.rules import hours
from backend.step_results import store, stored

if TYPE_CHECKING:
    from backend.jpki.ca import CertificateAuthority   # loaded on first use: see `_trust_anchor`
    from backend.rendering import ReceiptData

CHALLENGE_BYTES = 32
CHALLENGE_TTL = timedelta(minutes=5)     # from ② to ④
IDLE_TIMEOUT = timedelta(minutes=10)     # no call for this long: an unpaid session has expired

class SessionState(StrEnum):
    """A session's state, in order (stored as its value). Money may come in only while QUOTED.

    The free services (`Service`) go OPEN → AUTHENTICATED → (RESETTING, the reset only) →
    SERVED → FINISHED; they never take money."""

    OPEN = "open"
    AUTHENTICATED = "authenticated"
    QUOTED = "quoted"
    SETTLED = "settled"
    ISSUED = "issued"
    RESETTING = "resetting"    # the reset authority answered the card; its outcome not yet told
    SERVED = "served"          # the application is sent, or the reset is over
    FINISHED = "finished"
    CANCELLED = "cancelled"
    CLOSED = "closed"


(OPEN, AUTHENTICATED, QUOTED, SETTLED, ISSUED, RESETTING, SERVED, FINISHED, CANCELLED,
 CLOSED) = SessionState
BEFORE_PAYMENT = (OPEN, AUTHENTICATED, QUOTED)
PAID = (SETTLED, ISSUED)                   # money taken, not finished: never swept by idleness
CANCELLABLE = (*BEFORE_PAYMENT, SETTLED)   # nothing issued yet: cancelling refunds it all
FREE_DONE = (RESETTING, SERVED)            # a free service's work done: swept when idle
SESSION_ID = re.compile(r"[0-9a-f]{32}")   # what begin_session hands out, nothing else

RenderCopies = Callable[..., list[IssuedCopy]]
RenderReceipt = Callable[..., bytes]
AnswerCard = Callable[[Paths, str, bytes], bytes]   # backend.pin_reset.answer_card


def _default_render_copies(db: Session, **kwargs: Any) -> list[IssuedCopy]:
    from backend.rendering import render_copies
    return render_copies(db, **kwargs)


def _default_render_receipt(data: ReceiptData) -> bytes:
    from backend.rendering import render_receipt
    return render_receipt(data)


def _default_answer_card(paths: Paths, card_serial: str, card_challenge: bytes) -> bytes:
    from backend.pin_reset import answer_card
    return answer_card(paths, card_serial, card_challenge)


@dataclass(frozen=True)
class _Context:
    """What a call needs about its session, read under the session's row lock."""

    session: KioskSession
    kiosk: Kiosk
    now: datetime          # the kiosk's local time
    done: dict[str, Any] | None = None   # a retry: what the step stored first (see `_step`)


class CentreCore:
    """What every step of `backend.service.IssuanceCentre` stands on."""

    def __init__(self, paths: Paths, clock: Clock, database: Database, *,
                 render_copies: RenderCopies = _default_render_copies,
                 render_receipt: RenderReceipt = _default_render_receipt,
                 answer_card: AnswerCard = _default_answer_card) -> None:
        self.paths = paths
        self.clock = clock
        self.db = database
        self._render_copies = render_copies
        self._render_receipt = render_receipt
        self._answer_card = answer_card
        self._ca: CertificateAuthority | None = None

    # --- plumbing ----------------------------------------------------------------------------

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        """One unit of work at the door: input the database itself cannot take (a NUL, a lone
        surrogate, a number past its column) is a typed refusal, never a driver's exception."""
        try:
            with self.db.unit() as s:
                yield s
        except (DataError, OverflowError, UnicodeError) as exc:
            raise ServiceError(Reason.BAD_REQUEST, type(exc).__name__) from None
        except StatementError as exc:
            if isinstance(exc.orig, (OverflowError, UnicodeError, ValueError)):
                raise ServiceError(Reason.BAD_REQUEST, type(exc.orig).__name__) from None
            raise

    def close_database(self) -> None:
        self.db.dispose()

    def _trust_anchor(self) -> CertificateAuthority:
        if self._ca is None:
            from backend.jpki.ca import load_or_create_ca
            self._ca = load_or_create_ca(self.paths)
        return self._ca

    def _local(self, kiosk: Kiosk) -> datetime:
        return self.clock.now().astimezone(ZoneInfo(kiosk.zone))

    @contextmanager
    def _step(self, session_id: str, *states: SessionState, live: bool = True,
              stored_as: str | None = None, check: Callable[[], None] | None = None,
              ) -> Iterator[tuple[Session, _Context]]:
        """A step's opening, in one unit of work: its session locked, then `check` (the call's
        own arguments, once the session is known). With `stored_as`, a retry finds what the
        first call stored there in `ctx.done`, and is answered from it before any check of the
        session's state. Otherwise the session must be in one of `states` and, with `live`,
        not have lapsed (`live=False`: the step completes whatever the hour, as the paid
        steps and cancel do)."""
        with self._unit() as s:
            ctx = self._context(s, session_id)
            if check is not None:
                check()
            if stored_as is not None:
                # Its own statement, after the lock: a retry that waited for the first call
                # sees what that call stored (a join in the locking query would read the
                # step's table as it was before the wait).
                ctx = replace(ctx, done=stored(s, session_id, stored_as))
            if ctx.done is None:
                self._require(ctx, *states)
                if live:
                    self._require_live(ctx)
            yield s, ctx

    def _context(self, s: Session, session_id: str, *, allow_closed: bool = False) -> _Context:
        """The session locked, with its kiosk: one statement."""
        if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
            raise ServiceError(Reason.UNKNOWN_SESSION, repr(session_id)[:80])
        found = s.execute(_locked(session_id)).first()
        if found is None:
            raise ServiceError(Reason.UNKNOWN_SESSION, session_id)
        row, kiosk = found[0], found[1]
        if row.state == CLOSED and not allow_closed:
            raise ServiceError(Reason.SESSION_CLOSED, session_id)
        return _Context(row, kiosk, self._local(kiosk))

    def _require(self, ctx: _Context, *states: str) -> None:
        if ctx.session.state not in states:
            raise ServiceError(Reason.WRONG_STEP, f"{ctx.session.state} not in {states}")

    def _require_service(self, ctx: _Context, service: Service) -> None:
        """A step of one service, in a session opened for another: WRONG_STEP."""
        if ctx.session.service != service:
            raise ServiceError(Reason.WRONG_STEP, f"a {ctx.session.service} session")

    def _require_live(self, ctx: _Context) -> None:
        """Steps before payment lapse with the session; paid steps always complete."""
        if ctx.session.state in BEFORE_PAYMENT and ctx.now >= ctx.session.expires_at:
            raise ServiceError(Reason.TIMED_OUT, ctx.session.id)

    def _touch(self, ctx: _Context) -> None:
        ctx.session.expires_at = ctx.now + IDLE_TIMEOUT

    def _store(self, s: Session, ctx: _Context, step: str,
               result: dict[str, Any]) -> dict[str, Any]:
        return store(s, ctx.session.id, step, result, ctx.now)

    def _require_open(self, s: Session, kiosk: Kiosk, now: datetime,
                      *municipality_codes: str | None) -> None:
        calendar = registry.service_calendar(s, (kiosk.municipality_code, *municipality_codes))
        hours.require_open(now, calendar, hours.StoreHours(kiosk.opens, kiosk.closes))

    def _holder_row(self, s: Session, ctx: _Context, *, whole: bool = False) -> Resident:
        """The holder's row; `whole`: with what the offerings read of them (household and its
        members, seal) loaded with it, not one query each."""
        if ctx.session.holder_resident_id is None:
            raise ServiceError(Reason.WRONG_STEP, "not authenticated")
        options = ((joinedload(Resident.household).selectinload(Household.members),
                    joinedload(Resident.seal)) if whole else ())
        return s.get_one(Resident, ctx.session.holder_resident_id, options=options)


def _locked(session_id: str) -> Select[KioskSession, Kiosk]:
    """The session's row FOR UPDATE (of it alone) and its kiosk."""
    return (select(KioskSession, Kiosk).join(Kiosk, Kiosk.kiosk_id == KioskSession.kiosk_id)
            .where(KioskSession.id == session_id).with_for_update(of=KioskSession))


# --- the session's ledger rows ---------------------------------------------------------------

def inserted(s: Session, session_id: str) -> int:
    """Yen put in so far (every coin and note of the session)."""
    return sum(s.scalars(select(Payment.yen).where(Payment.session_id == session_id)))


def issuance_of(s: Session, session_id: str) -> Issuance | None:
    """The session's issuance, or None if it never reached ⑫ issue."""
    return s.scalar(select(Issuance).where(Issuance.session_id == session_id))


def issued(s: Session, session_id: str) -> Issuance:
    """The issuance of a session that is past ⑫ issue: there is always exactly one."""
    return s.scalars(select(Issuance).where(Issuance.session_id == session_id)).one()
