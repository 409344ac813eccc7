"""The issuance centre: the one door the kiosk uses (`backend.api.IssuanceService`).

Every call is one unit of work that first locks its session row. Steps that move money or
paper (`coin:N`, `settle`, `issue`, `copy:N`, `finish`, `cancel`) store their result in
`session_steps` (`backend.step_results`); a retry returns the stored result, so nothing is
charged or issued twice. A refused call raises `ServiceError` before writing anything.

Money: what goes in (payments) always leaves as fees of printed copies, refunds or change.
`settle` fixes the change (paid out at ⑪); `cancel` refunds whatever was not paid out as
change; `finish` refunds copies that did not print; `close` does whichever of the two is
still owed, so a session abandoned half-way never keeps a yen.

What the centre reads of kiosks, residents and cards is in `backend.registry`; the checks of
a request against the offerings in `backend.rules.requests`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import config, registry
from backend.api import (CertificateCode, Holder, IssuanceRequest, IssueResult, IssuedCopy,
                         KioskInfo, Member, Offering, PaymentState, Quote, Receipt, Refund,
                         Scope, SessionStart)
from backend.clock import Clock
from backend.config import Paths
from backend.db import Database
from backend.models import (FeeSchedule, Issuance, IssuedCopyRecord, Kiosk, KioskSession,
                            Municipality, Payment, RefundRecord, Resident)
from backend.reasons import Reason, ServiceError
from backend.rules import eligibility, fees, hours, offers
from backend.rules import requests as request_rules
from backend.step_results import (from_json, quoted_request, quoted_request_json, store, stored,
                                  to_json)

CHALLENGE_BYTES = 32
CHALLENGE_TTL = timedelta(minutes=5)     # from ② to ④
IDLE_TIMEOUT = timedelta(minutes=10)     # no call for this long: the session has expired

# Session states, in order. Money may come in only while QUOTED.
OPEN, AUTHENTICATED, QUOTED, SETTLED, ISSUED, FINISHED, CANCELLED, CLOSED = (
    "open", "authenticated", "quoted", "settled", "issued", "finished", "cancelled", "closed")
BEFORE_PAYMENT = (OPEN, AUTHENTICATED, QUOTED)
CANCELLABLE = (*BEFORE_PAYMENT, SETTLED)   # nothing issued yet: close cancels, not finishes

RenderCopies = Callable[..., list[IssuedCopy]]
RenderReceipt = Callable[..., bytes]


def _default_render_copies(db, **kwargs) -> list[IssuedCopy]:
    from backend.rendering import render_copies
    return render_copies(db, **kwargs)


def _default_render_receipt(data) -> bytes:
    from backend.rendering import render_receipt
    return render_receipt(data)


@dataclass(frozen=True)
class _Context:
    """What a call needs about its session, read under the session's row lock."""

    session: KioskSession
    kiosk: Kiosk
    now: datetime          # the kiosk's local time


class IssuanceCentre:
    """`backend.api.IssuanceService` over a database (SQLite or PostgreSQL)."""

    def __init__(self, paths: Paths, clock: Clock, database: Database, *,
                 render_copies: RenderCopies = _default_render_copies,
                 render_receipt: RenderReceipt = _default_render_receipt) -> None:
        self.paths = paths
        self.clock = clock
        self.db = database
        self._render_copies = render_copies
        self._render_receipt = render_receipt
        self._ca = None

    # --- plumbing ----------------------------------------------------------------------------

    def close_database(self) -> None:
        self.db.dispose()

    def _trust_anchor(self):
        if self._ca is None:
            from backend.jpki.ca import load_or_create_ca
            self._ca = load_or_create_ca(self.paths)
        return self._ca

    def _local(self, kiosk: Kiosk) -> datetime:
        return self.clock.now().astimezone(ZoneInfo(kiosk.zone))

    def _context(self, s: Session, session_id: str, *, allow_closed: bool = False) -> _Context:
        if not isinstance(session_id, str):
            raise ServiceError(Reason.UNKNOWN_SESSION, repr(session_id))
        row = s.get(KioskSession, session_id, with_for_update=True)
        if row is None:
            raise ServiceError(Reason.UNKNOWN_SESSION, session_id)
        if row.state == CLOSED and not allow_closed:
            raise ServiceError(Reason.SESSION_CLOSED, session_id)
        kiosk = s.get(Kiosk, row.kiosk_id)
        return _Context(row, kiosk, self._local(kiosk))

    def _require(self, ctx: _Context, *states: str) -> None:
        if ctx.session.state not in states:
            raise ServiceError(Reason.WRONG_STEP, f"{ctx.session.state} not in {states}")

    def _require_live(self, ctx: _Context) -> None:
        """Steps before payment lapse with the session; paid steps always complete."""
        if ctx.session.state in BEFORE_PAYMENT and ctx.now >= ctx.session.expires_at:
            raise ServiceError(Reason.TIMED_OUT, ctx.session.id)

    def _touch(self, ctx: _Context) -> None:
        ctx.session.expires_at = ctx.now + IDLE_TIMEOUT

    def _store(self, s: Session, ctx: _Context, step: str, result: dict) -> dict:
        return store(s, ctx.session.id, step, result, ctx.now)

    def _require_open(self, s: Session, kiosk: Kiosk, now: datetime,
                      *municipality_codes: str | None) -> None:
        calendar = registry.service_calendar(s, (kiosk.municipality_code, *municipality_codes))
        hours.require_open(now, calendar, hours.StoreHours(kiosk.opens, kiosk.closes))

    def _holder_row(self, s: Session, ctx: _Context) -> Resident:
        if ctx.session.holder_resident_id is None:
            raise ServiceError(Reason.WRONG_STEP, "not authenticated")
        return s.get(Resident, ctx.session.holder_resident_id)

    # --- kiosks and ① – ④ --------------------------------------------------------------------

    def kiosk(self, kiosk_id: str) -> KioskInfo:
        with self.db.unit() as s:
            return registry.kiosk_info(registry.kiosk_row(s, kiosk_id))

    def begin_session(self, kiosk_id: str) -> SessionStart:
        with self.db.unit() as s:
            kiosk = registry.kiosk_row(s, kiosk_id)
            now = self._local(kiosk)
            self._require_open(s, kiosk, now)
            row = KioskSession(
                id=secrets.token_hex(16), kiosk_id=kiosk.kiosk_id, opened_at=now,
                expires_at=now + IDLE_TIMEOUT, challenge=secrets.token_bytes(CHALLENGE_BYTES),
                challenge_expires_at=now + CHALLENGE_TTL, state=OPEN)
            s.add(row)
            return SessionStart(row.id, row.challenge, registry.kiosk_info(kiosk), now)

    def precheck_card(self, session_id: str, certificate_der: bytes) -> None:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            self._require(ctx, OPEN)
            self._require_live(ctx)
            registry.verified_card(s, certificate_der, self._trust_anchor(), ctx.now)
            self._touch(ctx)

    def authenticate(self, session_id: str, certificate_der: bytes, signature: bytes) -> Holder:
        from backend.jpki.verify import verify_challenge_signature

        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            der = certificate_der if isinstance(certificate_der, (bytes, bytearray)) else b""
            fingerprint = hashlib.sha256(der).hexdigest()     # (not bytes: refused below)
            done = stored(s, session_id, "authenticate")
            if done is not None:
                # A retry by the same card gets the same holder; anyone else, nothing.
                if done["certificate_sha256"] != fingerprint:
                    raise ServiceError(Reason.CHALLENGE_REUSED, "session already bound")
                return registry.holder(s, self._holder_row(s, ctx))
            self._require(ctx, OPEN)
            self._require_live(ctx)
            if ctx.session.challenge_used or ctx.session.challenge is None:
                raise ServiceError(Reason.CHALLENGE_REUSED, session_id)
            if ctx.now >= ctx.session.challenge_expires_at:
                raise ServiceError(Reason.CHALLENGE_EXPIRED, session_id)
            verified, card = registry.verified_card(s, certificate_der, self._trust_anchor(),
                                                    ctx.now)
            if not isinstance(signature, (bytes, bytearray)):
                raise ServiceError(Reason.SIGNATURE_INVALID, "signature is not bytes")
            verify_challenge_signature(verified, ctx.session.challenge, bytes(signature))
            ctx.session.challenge_used = True
            ctx.session.card_id = card.id
            ctx.session.holder_resident_id = card.resident_id
            ctx.session.state = AUTHENTICATED
            self._touch(ctx)
            self._store(s, ctx, "authenticate", {"certificate_sha256": fingerprint})
            return registry.holder(s, card.resident)

    # --- ⑥ – ⑩ -------------------------------------------------------------------------------

    def _offerings(self, s: Session, ctx: _Context, resident: Resident,
                   scope: Scope) -> list[Offering]:
        issuer = registry.issuing_municipality(resident, scope)
        schedule = s.scalars(select(FeeSchedule).where(
            FeeSchedule.municipality_code == issuer)).all()
        honseki_open = any(f.honseki_scope for f in schedule)
        person = registry.person(resident)
        today = ctx.now.date()
        reason = eligibility.scope_refusal(person, scope, issuer, today,
                                           honseki_for_nonresidents=honseki_open)
        if reason is not None:
            raise ServiceError(reason, issuer)
        self._require_open(s, ctx.kiosk, ctx.now, issuer)
        windows = registry.certificate_windows(s, issuer)
        foreign = resident.nationality is not None
        by_code = {f.certificate_code: f for f in schedule}
        lives_here = resident.municipality_code == issuer
        result = []
        for code in offers.ORDER:
            fee = by_code.get(code.value)
            if fee is None or (scope is Scope.HONSEKI and (
                    code not in eligibility.FAMILY_REGISTER
                    or not (lives_here or fee.honseki_scope))):
                continue
            reason = eligibility.certificate_refusal(
                person, code, scope, issuer, today, honseki_for_nonresidents=honseki_open)
            if reason is None:
                reason = hours.certificate_window_refusal(ctx.now, windows.get(code))
            result.append(Offering(code, fee.fee_yen, reason is None, reason,
                                   offers.kinds_for(code),
                                   offers.fields_for(code, foreign=foreign)))
        return result

    def offerings(self, session_id: str, scope: Scope) -> list[Offering]:
        scope = request_rules.parse_choice(Scope, scope, Reason.WRONG_STEP)
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            self._require(ctx, AUTHENTICATED, QUOTED)
            self._require_live(ctx)
            result = self._offerings(s, ctx, self._holder_row(s, ctx), scope)
            self._touch(ctx)
            return result

    def members(self, session_id: str) -> list[Member]:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            self._require(ctx, AUTHENTICATED, QUOTED)
            self._require_live(ctx)
            resident = self._holder_row(s, ctx)
            self._touch(ctx)
            return [registry.member(m) for m in registry.household_members(resident)]

    def _validated(self, s: Session, ctx: _Context, request: IssuanceRequest
                   ) -> tuple[IssuanceRequest, int]:
        """The request normalised (members resolved) and its unit fee; refusals raise."""
        parsed = request_rules.parsed_request(request)
        resident = self._holder_row(s, ctx)
        offering = request_rules.chosen_offering(
            parsed, self._offerings(s, ctx, resident, parsed.scope))
        household = [registry.member_id(m) for m in registry.household_members(resident)]
        normalised = request_rules.normalised_request(parsed, offering,
                                                      registry.member_id(resident), household)
        return normalised, offering.fee_yen

    def quote(self, session_id: str, request: IssuanceRequest) -> Quote:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            self._require(ctx, AUTHENTICATED, QUOTED)
            self._require_live(ctx)
            if _inserted(s, session_id):
                raise ServiceError(Reason.WRONG_STEP, "coins already inserted")
            normalised, unit = self._validated(s, ctx, request)
            total = unit * normalised.copies
            ctx.session.request = quoted_request_json(normalised, unit)
            ctx.session.due_yen = total
            ctx.session.state = QUOTED
            self._touch(ctx)
            return Quote(normalised.certificate, unit, normalised.copies, total)

    # --- ⑪ payment ---------------------------------------------------------------------------

    def insert_coin(self, session_id: str, seq: int, yen: int) -> PaymentState:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
                raise ServiceError(Reason.INVALID_COIN, f"sequence {seq!r}")
            step = f"coin:{seq}"
            done = stored(s, session_id, step)
            if done is not None:
                if done["yen"] != yen:
                    raise ServiceError(Reason.WRONG_STEP, f"{step} was {done['yen']} yen")
                return from_json(PaymentState, done["state"])
            self._require(ctx, QUOTED)
            self._require_live(ctx)
            fees.validate_coin(yen)
            s.add(Payment(session_id=session_id, seq=seq, yen=yen, received_at=ctx.now))
            s.flush()
            state = PaymentState(ctx.session.due_yen, _inserted(s, session_id))
            self._touch(ctx)
            self._store(s, ctx, step, {"yen": yen, "state": to_json(state)})
            return state

    def payment(self, session_id: str) -> PaymentState:
        """Where the money of a session stands (read only; also after close)."""
        with self.db.unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            # settled: the payment was accepted (settle ran), whatever came after it
            return PaymentState(ctx.session.due_yen, _inserted(s, session_id),
                                ctx.session.change_yen, stored(s, session_id, "settle") is not None)

    def settle(self, session_id: str) -> PaymentState:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = stored(s, session_id, "settle")
            if done is not None:
                return from_json(PaymentState, done)
            self._require(ctx, QUOTED)
            self._require_live(ctx)
            inserted = _inserted(s, session_id)
            change = fees.change_due(ctx.session.due_yen, inserted)
            # Hours again, at the moment of payment: a session begun at 22:59 prints nothing
            # after 23:00; the certificate's own window and the issuer's maintenance too.
            request = quoted_request(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = registry.issuing_municipality(resident, request.scope)
            self._require_open(s, ctx.kiosk, ctx.now, issuer)
            reason = hours.certificate_window_refusal(
                ctx.now, registry.certificate_windows(s, issuer).get(request.certificate))
            if reason is not None:
                raise ServiceError(reason, request.certificate.value)
            ctx.session.change_yen = change
            ctx.session.state = SETTLED
            self._touch(ctx)
            state = PaymentState(ctx.session.due_yen, inserted, change, True)
            self._store(s, ctx, "settle", to_json(state))
            return state

    # --- ⑫ – ⑭ -------------------------------------------------------------------------------

    def issue(self, session_id: str) -> IssueResult:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = stored(s, session_id, "issue")
            if done is not None:
                return _issue_result(s.get(Issuance, done["issuance_id"]))
            self._require(ctx, SETTLED)
            request = quoted_request(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = registry.issuing_municipality(resident, request.scope)
            issuance = Issuance(
                id=secrets.token_hex(16), transaction_no=_transaction_no(ctx.now),
                session_id=session_id, kiosk_id=ctx.kiosk.kiosk_id, resident_id=resident.id,
                municipality_code=issuer, certificate_code=request.certificate.value,
                scope=request.scope.value, copies_requested=request.copies,
                unit_fee_yen=ctx.session.request["unit_fee_yen"], issued_at=ctx.now)
            s.add(issuance)
            s.flush()
            copies = self._render_copies(
                s, issuance_id=issuance.id, request=request, holder_resident_id=resident.id,
                municipality_code=issuer, issued_at=ctx.now, paths=self.paths)
            if len(copies) != request.copies:
                raise RuntimeError(f"rendering produced {len(copies)} of {request.copies} copies")
            for copy in copies:
                s.add(IssuedCopyRecord(issuance_id=issuance.id, copy_no=copy.copy_no,
                                       document_id=copy.document_id, pdf=copy.pdf))
            ctx.session.state = ISSUED
            self._touch(ctx)
            self._store(s, ctx, "issue", {"issuance_id": issuance.id})
            return IssueResult(issuance.id, tuple(copies))

    def report_copy(self, session_id: str, copy_no: int, printed: bool) -> None:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            step = f"copy:{copy_no}"
            done = stored(s, session_id, step)
            if done is not None:
                if done["printed"] != bool(printed):
                    raise ServiceError(Reason.WRONG_STEP, f"{step} already reported")
                return
            self._require(ctx, ISSUED)
            issuance = _issuance_of(s, session_id)
            record = next((c for c in issuance.copies if c.copy_no == copy_no), None)
            if record is None or not isinstance(printed, bool):
                raise ServiceError(Reason.WRONG_STEP, f"no copy {copy_no!r}")
            record.status = "printed" if printed else "failed"
            self._touch(ctx)
            self._store(s, ctx, step, {"printed": printed})

    def finish(self, session_id: str) -> Receipt:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = stored(s, session_id, "finish")
            if done is not None:
                return from_json(Receipt, done)
            self._require(ctx, ISSUED)
            return self._finish(s, ctx, render=True)

    def _finish(self, s: Session, ctx: _Context, *, render: bool) -> Receipt:
        issuance = _issuance_of(s, ctx.session.id)
        printed = sum(1 for c in issuance.copies if c.status == "printed")
        refund = fees.refund_for_unprinted(issuance.unit_fee_yen, issuance.copies_requested,
                                           printed)
        if refund:
            s.add(RefundRecord(session_id=ctx.session.id, kind="unprinted", yen=refund,
                               refunded_at=ctx.now))
        paid = _inserted(s, ctx.session.id)
        pdf = b""
        if render:
            from backend.rendering import ReceiptData
            municipality = s.get(Municipality, issuance.municipality_code)
            pdf = self._render_receipt(ReceiptData(
                store=ctx.kiosk.store_name, kiosk_id=ctx.kiosk.kiosk_id, chain=ctx.kiosk.chain,
                issued_at=ctx.now, municipality_name=municipality.name,
                certificate=CertificateCode(issuance.certificate_code),
                copies_requested=issuance.copies_requested, copies_printed=printed,
                unit_fee=issuance.unit_fee_yen,
                total_fee=issuance.unit_fee_yen * printed, paid=paid,
                change=ctx.session.change_yen, refunded=refund,
                transaction_no=issuance.transaction_no))
        receipt = Receipt(issuance.transaction_no, pdf, paid, ctx.session.change_yen, refund,
                          printed)
        ctx.session.state = FINISHED
        self._store(s, ctx, "finish", to_json(receipt))
        return receipt

    def cancel(self, session_id: str) -> Refund:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = stored(s, session_id, "cancel")
            if done is not None:
                return from_json(Refund, done)
            self._require(ctx, *CANCELLABLE)
            return self._cancel(s, ctx)

    def _cancel(self, s: Session, ctx: _Context) -> Refund:
        # Change already paid out at settle stays paid out; the rest comes back.
        yen = _inserted(s, ctx.session.id) - ctx.session.change_yen
        if yen:
            s.add(RefundRecord(session_id=ctx.session.id, kind="cancel", yen=yen,
                               refunded_at=ctx.now))
        ctx.session.state = CANCELLED
        refund = Refund(yen)
        self._store(s, ctx, "cancel", to_json(refund))
        return refund

    def close(self, session_id: str) -> None:
        with self.db.unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            if ctx.session.state == CLOSED:
                return
            if ctx.session.state in CANCELLABLE:
                self._cancel(s, ctx)
            elif ctx.session.state == ISSUED:
                self._finish(s, ctx, render=False)
            _forget(s, ctx.session)
            ctx.session.state = CLOSED
            ctx.session.closed_at = ctx.now

    def expire_sessions(self) -> int:
        """Close every session idle past its expiry (refunds included). Returns how many.

        A kiosk that died after payment leaves its session settled or issued: closing it
        refunds what was not printed, as `close` always does.
        """
        now = self.clock.now()
        with self.db.unit() as s:
            stale = s.scalars(select(KioskSession.id).where(
                KioskSession.state != CLOSED, KioskSession.expires_at <= now)).all()
        for session_id in stale:
            self.close(session_id)
        return len(stale)


def open_centre(paths: Paths, clock: Clock, database_url: str | None = None) -> IssuanceCentre:
    """The centre over `database_url` (else KIOSK_DATABASE_URL, else the SQLite file in
    `paths`), migrated."""
    database = Database(database_url or config.database_url(home=paths))
    database.migrate()
    return IssuanceCentre(paths, clock, database)


# --- the session's ledger rows ---------------------------------------------------------------

def _inserted(s: Session, session_id: str) -> int:
    """Yen put in so far (every coin and note of the session)."""
    return sum(s.scalars(select(Payment.yen).where(Payment.session_id == session_id)))


def _issuance_of(s: Session, session_id: str) -> Issuance:
    return s.scalar(select(Issuance).where(Issuance.session_id == session_id))


def _issue_result(issuance: Issuance) -> IssueResult:
    return IssueResult(issuance.id, tuple(IssuedCopy(c.copy_no, c.document_id, c.pdf or b"")
                                          for c in issuance.copies))


def _transaction_no(now: datetime) -> str:
    return f"{now:%Y%m%d}{secrets.randbelow(10**8):08d}"


def _forget(s: Session, session: KioskSession) -> None:
    """close(): the ledger stays; the request, the challenge and the printed bytes go."""
    session.challenge = None
    session.request = None
    issuance = _issuance_of(s, session.id)
    if issuance is not None:
        for copy in issuance.copies:
            copy.pdf = None


__all__ = ["CHALLENGE_TTL", "IDLE_TIMEOUT", "IssuanceCentre", "open_centre"]
