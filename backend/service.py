"""The issuance centre: the one door the kiosk uses (`backend.api.IssuanceService`).

Every call is one unit of work that first locks its session row. Steps that move money or
paper (`coin:N`, `settle`, `issue`, `copy:N`, `finish`, `cancel`) store their result in
`session_steps`; a retry returns the stored result, so nothing is charged or issued twice.
A refused call raises `ServiceError` before writing anything.

Money: what goes in (payments) always leaves as fees of printed copies, refunds or change.
`settle` fixes the change (paid out at ⑪); `cancel` refunds whatever was not paid out as
change; `finish` refunds copies that did not print; `close` does whichever of the two is
still owed, so a session abandoned half-way never keeps a yen.

`Member.member_id` is the resident's row id as text. The request handed to rendering has
its members resolved: `member_ids` lists exactly the people to print, in household order.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.api import (CertificateCode, Holder, IssuanceKind, IssuanceRequest, IssueResult,
                         IssuedCopy, KioskInfo, Member, Offering, PaymentState, PrintedField,
                         Quote, Receipt, Refund, Scope, SessionStart)
from backend.clock import Clock
from backend.config import Paths
from backend.db import Database
from backend.models import (Card, CardRevocation, CertificateWindow, FeeSchedule, Issuance,
                            IssuedCopyRecord, Kiosk, KioskSession, MaintenanceDay, Municipality,
                            Payment, RefundRecord, Resident, SessionStep)
from backend.reasons import Reason, ServiceError
from backend.rules import eligibility, fees, hours, offers, validity

CHALLENGE_BYTES = 32
CHALLENGE_TTL = timedelta(minutes=5)     # from ② to ④
IDLE_TIMEOUT = timedelta(minutes=10)     # no call for this long: the session has expired

# Session states, in order. Money may come in only while QUOTED.
OPEN, AUTHENTICATED, QUOTED, SETTLED, ISSUED, FINISHED, CANCELLED, CLOSED = (
    "open", "authenticated", "quoted", "settled", "issued", "finished", "cancelled", "closed")
BEFORE_PAYMENT = (OPEN, AUTHENTICATED, QUOTED)

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

    @staticmethod
    def _stored(s: Session, session_id: str, step: str) -> dict | None:
        row = s.get(SessionStep, (session_id, step))
        return None if row is None else row.result

    def _store(self, s: Session, ctx: _Context, step: str, result: dict) -> dict:
        s.add(SessionStep(session_id=ctx.session.id, step=step, result=result, at=ctx.now))
        return result

    # --- kiosks and hours --------------------------------------------------------------------

    def kiosk(self, kiosk_id: str) -> KioskInfo:
        with self.db.unit() as s:
            return _kiosk_info(_kiosk_row(s, kiosk_id))

    def _calendar(self, s: Session,
                  municipality_codes: tuple[str | None, ...]) -> hours.ServiceCalendar:
        days = s.scalars(select(MaintenanceDay.day).where(
            (MaintenanceDay.municipality_code.is_(None))
            | MaintenanceDay.municipality_code.in_([c for c in municipality_codes if c]))).all()
        return hours.ServiceCalendar(maintenance_days=frozenset(days))

    def _require_open(self, s: Session, kiosk: Kiosk, now: datetime,
                      *municipality_codes: str | None) -> None:
        calendar = self._calendar(s, (kiosk.municipality_code, *municipality_codes))
        hours.require_open(now, calendar, hours.StoreHours(kiosk.opens, kiosk.closes))

    # --- ① – ④ -------------------------------------------------------------------------------

    def begin_session(self, kiosk_id: str) -> SessionStart:
        with self.db.unit() as s:
            kiosk = _kiosk_row(s, kiosk_id)
            now = self._local(kiosk)
            self._require_open(s, kiosk, now)
            row = KioskSession(
                id=secrets.token_hex(16), kiosk_id=kiosk.kiosk_id, opened_at=now,
                expires_at=now + IDLE_TIMEOUT, challenge=secrets.token_bytes(CHALLENGE_BYTES),
                challenge_expires_at=now + CHALLENGE_TTL, state=OPEN)
            s.add(row)
            return SessionStart(row.id, row.challenge, _kiosk_info(kiosk), now)

    def _card_for(self, s: Session, certificate_der: bytes, now: datetime):
        """Chain, registry, revocation and card rules. Returns (verified cert, card row)."""
        from backend.jpki.verify import verify_user_auth_certificate

        if not isinstance(certificate_der, (bytes, bytearray)):
            raise ServiceError(Reason.CARD_UNREADABLE, "certificate is not bytes")
        verified = verify_user_auth_certificate(bytes(certificate_der), self._trust_anchor(), now)
        card = s.scalar(select(Card).where(Card.certificate_serial == str(verified.serial)))
        if card is None:
            raise ServiceError(Reason.UNKNOWN_HOLDER, f"serial {verified.serial}")
        revocation = s.scalar(select(CardRevocation).where(
            CardRevocation.certificate_serial == card.certificate_serial,
            CardRevocation.lifted_at.is_(None)).order_by(CardRevocation.revoked_at.desc()))
        if revocation is not None:
            raise ServiceError(REVOCATION_REASONS.get(revocation.reason,
                                                      Reason.CERTIFICATE_REVOKED), card.card_serial)
        reason = validity.card_refusal(
            validity.CardState(card.status, card.face_auth, card.expires_on,
                               card.certificate_expires_on), now.date())
        if reason is not None:
            raise ServiceError(reason, card.card_serial)
        return verified, card

    def precheck_card(self, session_id: str, certificate_der: bytes) -> None:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            self._require(ctx, OPEN)
            self._require_live(ctx)
            self._card_for(s, certificate_der, ctx.now)
            self._touch(ctx)

    def authenticate(self, session_id: str, certificate_der: bytes, signature: bytes) -> Holder:
        from backend.jpki.verify import verify_challenge_signature

        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            fingerprint = hashlib.sha256(bytes(certificate_der or b"")).hexdigest()
            done = self._stored(s, session_id, "authenticate")
            if done is not None:
                # A retry by the same card gets the same holder; anyone else, nothing.
                if done["certificate_sha256"] != fingerprint:
                    raise ServiceError(Reason.CHALLENGE_REUSED, "session already bound")
                return _holder(s, s.get(Resident, ctx.session.holder_resident_id))
            self._require(ctx, OPEN)
            self._require_live(ctx)
            if ctx.session.challenge_used or ctx.session.challenge is None:
                raise ServiceError(Reason.CHALLENGE_REUSED, session_id)
            if ctx.now >= ctx.session.challenge_expires_at:
                raise ServiceError(Reason.CHALLENGE_EXPIRED, session_id)
            verified, card = self._card_for(s, certificate_der, ctx.now)
            if not isinstance(signature, (bytes, bytearray)):
                raise ServiceError(Reason.SIGNATURE_INVALID, "signature is not bytes")
            verify_challenge_signature(verified, ctx.session.challenge, bytes(signature))
            ctx.session.challenge_used = True
            ctx.session.card_id = card.id
            ctx.session.holder_resident_id = card.resident_id
            ctx.session.state = AUTHENTICATED
            self._touch(ctx)
            self._store(s, ctx, "authenticate", {"certificate_sha256": fingerprint})
            return _holder(s, card.resident)

    # --- ⑥ – ⑩ -------------------------------------------------------------------------------

    def _holder_row(self, s: Session, ctx: _Context) -> Resident:
        if ctx.session.holder_resident_id is None:
            raise ServiceError(Reason.WRONG_STEP, "not authenticated")
        return s.get(Resident, ctx.session.holder_resident_id)

    def _issuer(self, resident: Resident, scope: Scope) -> str:
        if scope is Scope.RESIDENCE:
            return resident.municipality_code
        if resident.honseki_municipality_code is None:
            raise ServiceError(Reason.NOT_ELIGIBLE_HONSEKI, "no 本籍 on record")
        return resident.honseki_municipality_code

    def _offerings(self, s: Session, ctx: _Context, resident: Resident,
                   scope: Scope) -> list[Offering]:
        issuer = self._issuer(resident, scope)
        schedule = s.scalars(select(FeeSchedule).where(
            FeeSchedule.municipality_code == issuer)).all()
        honseki_open = any(f.honseki_scope for f in schedule)
        person = _person(resident)
        today = ctx.now.date()
        reason = eligibility.scope_refusal(person, scope, issuer, today,
                                           honseki_for_nonresidents=honseki_open)
        if reason is not None:
            raise ServiceError(reason, issuer)
        self._require_open(s, ctx.kiosk, ctx.now, issuer)
        windows = _certificate_windows(s, issuer)
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
        scope = _parse(Scope, scope, Reason.WRONG_STEP)
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
            return [Member(str(m.id), m.full_name, m.relation)
                    for m in _household_members(resident)]

    def _validated(self, s: Session, ctx: _Context, request: IssuanceRequest
                   ) -> tuple[IssuanceRequest, int]:
        """The request normalised (members resolved) and its unit fee; refusals raise."""
        if not isinstance(request, IssuanceRequest):
            raise ServiceError(Reason.UNKNOWN_CERTIFICATE, "not an IssuanceRequest")
        certificate = fees.parse_certificate(request.certificate)
        scope = _parse(Scope, request.scope, Reason.CERTIFICATE_NOT_OFFERED)
        copies = fees.parse_copies(request.copies)
        resident = self._holder_row(s, ctx)
        offering = next((o for o in self._offerings(s, ctx, resident, scope)
                         if o.certificate is certificate), None)
        if offering is None:
            raise ServiceError(Reason.CERTIFICATE_NOT_OFFERED, certificate.value)
        if not offering.available:
            raise ServiceError(offering.reason or Reason.CERTIFICATE_NOT_OFFERED, certificate.value)
        kind = _validated_kind(request.kind, offering)
        fields = _validated_fields(request.fields, offering)
        household = _household_members(resident)
        member_ids = _validated_members(request.member_ids, kind, resident, household)
        normalised = IssuanceRequest(certificate, scope, kind, member_ids, fields, copies)
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
            ctx.session.request = _request_json(normalised, unit)
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
            done = self._stored(s, session_id, step)
            if done is not None:
                if done["yen"] != yen:
                    raise ServiceError(Reason.WRONG_STEP, f"{step} was {done['yen']} yen")
                return _payment_state(done["state"])
            self._require(ctx, QUOTED)
            self._require_live(ctx)
            fees.validate_coin(yen)
            s.add(Payment(session_id=session_id, seq=seq, yen=yen, received_at=ctx.now))
            s.flush()
            state = PaymentState(ctx.session.due_yen, _inserted(s, session_id))
            self._touch(ctx)
            self._store(s, ctx, step, {"yen": yen, "state": _payment_json(state)})
            return state

    def payment(self, session_id: str) -> PaymentState:
        """Where the money of a session stands (read only; also after close)."""
        with self.db.unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            return PaymentState(ctx.session.due_yen, _inserted(s, session_id),
                                ctx.session.change_yen, ctx.session.state in (SETTLED, ISSUED,
                                                                              FINISHED))

    def settle(self, session_id: str) -> PaymentState:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = self._stored(s, session_id, "settle")
            if done is not None:
                return _payment_state(done)
            self._require(ctx, QUOTED)
            self._require_live(ctx)
            inserted = _inserted(s, session_id)
            change = fees.change_due(ctx.session.due_yen, inserted)
            # Hours again, at the moment of payment: a session begun at 22:59 prints nothing
            # after 23:00; the certificate's own window and the issuer's maintenance too.
            request = _request_from_json(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = self._issuer(resident, request.scope)
            self._require_open(s, ctx.kiosk, ctx.now, issuer)
            reason = hours.certificate_window_refusal(
                ctx.now, _certificate_windows(s, issuer).get(request.certificate))
            if reason is not None:
                raise ServiceError(reason, request.certificate.value)
            ctx.session.change_yen = change
            ctx.session.state = SETTLED
            self._touch(ctx)
            state = PaymentState(ctx.session.due_yen, inserted, change, True)
            self._store(s, ctx, "settle", _payment_json(state))
            return state

    # --- ⑫ – ⑭ -------------------------------------------------------------------------------

    def issue(self, session_id: str) -> IssueResult:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = self._stored(s, session_id, "issue")
            if done is not None:
                return _issue_result(s.get(Issuance, done["issuance_id"]))
            self._require(ctx, SETTLED)
            request = _request_from_json(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = self._issuer(resident, request.scope)
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
            done = self._stored(s, session_id, step)
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
            done = self._stored(s, session_id, "finish")
            if done is not None:
                return _receipt_from_json(done)
            self._require(ctx, ISSUED)
            receipt = self._finish(s, ctx, render=True)
            return receipt

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
        self._store(s, ctx, "finish", _receipt_json(receipt))
        return receipt

    def cancel(self, session_id: str) -> Refund:
        with self.db.unit() as s:
            ctx = self._context(s, session_id)
            done = self._stored(s, session_id, "cancel")
            if done is not None:
                return Refund(done["yen"])
            self._require(ctx, OPEN, AUTHENTICATED, QUOTED, SETTLED)
            return self._cancel(s, ctx)

    def _cancel(self, s: Session, ctx: _Context) -> Refund:
        # Change already paid out at settle stays paid out; the rest comes back.
        yen = _inserted(s, ctx.session.id) - ctx.session.change_yen
        if yen:
            s.add(RefundRecord(session_id=ctx.session.id, kind="cancel", yen=yen,
                               refunded_at=ctx.now))
        ctx.session.state = CANCELLED
        self._store(s, ctx, "cancel", {"yen": yen})
        return Refund(yen)

    def close(self, session_id: str) -> None:
        with self.db.unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            if ctx.session.state == CLOSED:
                return
            if ctx.session.state in (OPEN, AUTHENTICATED, QUOTED, SETTLED):
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


REVOCATION_REASONS = {
    "suspended": Reason.CARD_SUSPENDED,
    "abolished": Reason.CARD_ABOLISHED,
    "invalidated": Reason.CARD_INVALIDATED,
}


def open_centre(paths: Paths, clock: Clock, database_url: str | None = None) -> IssuanceCentre:
    """The centre over `database_url` (else KIOSK_DATABASE_URL, else the SQLite file in
    KIOSK_HOME), migrated."""
    from backend.seed import database_for

    database = database_for(paths, database_url)
    database.migrate()
    return IssuanceCentre(paths, clock, database)


# --- helpers (plain functions over rows) ------------------------------------------------------

def _parse(enum, value, reason: Reason):
    try:
        return enum(value)
    except ValueError as exc:
        raise ServiceError(reason, repr(value)) from exc


def _certificate_windows(s: Session, issuer: str) -> dict[CertificateCode, hours.CertificateWindow]:
    return {CertificateCode(w.certificate_code): hours.CertificateWindow(
                w.working_days_only, w.opens, w.closes)
            for w in s.scalars(select(CertificateWindow).where(
                CertificateWindow.municipality_code == issuer))}


def _kiosk_row(s: Session, kiosk_id: str) -> Kiosk:
    kiosk = s.get(Kiosk, kiosk_id) if isinstance(kiosk_id, str) else None
    if kiosk is None:
        raise ServiceError(Reason.UNKNOWN_KIOSK, repr(kiosk_id))
    return kiosk


def _kiosk_info(kiosk: Kiosk) -> KioskInfo:
    return KioskInfo(kiosk.kiosk_id, kiosk.store_name, kiosk.chain, kiosk.municipality_code)


def _holder(s: Session, resident: Resident) -> Holder:
    home = s.get(Municipality, resident.municipality_code)
    honseki = (s.get(Municipality, resident.honseki_municipality_code)
               if resident.honseki_municipality_code else None)
    return Holder(resident.full_name, home.code, home.name,
                  resident.honseki_municipality_code, honseki.name if honseki else None)


def _person(resident: Resident) -> eligibility.Person:
    return eligibility.Person(
        municipality_code=resident.municipality_code, birth_date=resident.birth_date,
        became_resident_on=resident.became_resident_on, status=resident.status,
        has_seal=resident.seal is not None,
        tax_years=frozenset(t.fiscal_year for t in resident.tax_records),
        honseki_code=resident.honseki_municipality_code,
        honseki_registrations=frozenset(r.municipality_code
                                        for r in resident.honseki_registrations))


def _household_members(resident: Resident) -> list[Resident]:
    """Members a 住民票 may list: the living, still-registered people of the household."""
    return [m for m in resident.household.members if m.status in ("active", "restricted")]


def _validated_kind(kind, offering: Offering) -> IssuanceKind | None:
    if kind is None:
        if offering.kinds:
            raise ServiceError(Reason.KIND_NOT_OFFERED, "a kind must be chosen")
        return None
    kind = _parse(IssuanceKind, kind, Reason.KIND_NOT_OFFERED)
    if kind not in offering.kinds:
        raise ServiceError(Reason.KIND_NOT_OFFERED, kind.value)
    return kind


def _validated_fields(fields, offering: Offering) -> frozenset[PrintedField]:
    if isinstance(fields, (str, bytes)) or not hasattr(fields, "__iter__"):
        raise ServiceError(Reason.FIELD_NOT_OFFERED, repr(fields))
    chosen = frozenset(_parse(PrintedField, f, Reason.FIELD_NOT_OFFERED) for f in fields)
    extra = chosen - frozenset(offering.fields)
    if extra:
        raise ServiceError(Reason.FIELD_NOT_OFFERED, ",".join(sorted(extra)))
    return chosen


def _validated_members(member_ids, kind: IssuanceKind | None, holder: Resident,
                       household: list[Resident]) -> tuple[str, ...]:
    if isinstance(member_ids, (str, bytes)) or not hasattr(member_ids, "__iter__"):
        raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(member_ids))
    chosen = list(member_ids)
    ids = [str(m.id) for m in household]
    if kind is IssuanceKind.HOUSEHOLD_SOME:
        if not chosen:
            raise ServiceError(Reason.NO_MEMBERS_CHOSEN)
        strangers = [m for m in chosen if not isinstance(m, str) or m not in ids]
        if strangers:
            raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(strangers))
        return tuple(i for i in ids if i in set(chosen))
    if chosen:
        raise ServiceError(Reason.KIND_NOT_OFFERED, "members are chosen only for 世帯の一部")
    if kind is IssuanceKind.HOUSEHOLD_ALL:
        return tuple(ids)
    return (str(holder.id),)


def _inserted(s: Session, session_id: str) -> int:
    return sum(s.scalars(select(Payment.yen).where(Payment.session_id == session_id)))


def _issuance_of(s: Session, session_id: str) -> Issuance:
    return s.scalar(select(Issuance).where(Issuance.session_id == session_id))


def _issue_result(issuance: Issuance) -> IssueResult:
    return IssueResult(issuance.id, tuple(IssuedCopy(c.copy_no, c.document_id, c.pdf or b"")
                                          for c in issuance.copies))


def _forget(s: Session, session: KioskSession) -> None:
    """close(): the ledger stays; the request, the challenge and the printed bytes go."""
    session.challenge = None
    session.request = None
    issuance = _issuance_of(s, session.id)
    if issuance is not None:
        for copy in issuance.copies:
            copy.pdf = None


def _transaction_no(now: datetime) -> str:
    return f"{now:%Y%m%d}{secrets.randbelow(10**8):08d}"


def _request_json(request: IssuanceRequest, unit_fee: int) -> dict:
    return {"certificate": request.certificate.value, "scope": request.scope.value,
            "kind": request.kind.value if request.kind else None,
            "member_ids": list(request.member_ids),
            "fields": sorted(f.value for f in request.fields), "copies": request.copies,
            "unit_fee_yen": unit_fee}


def _request_from_json(data: dict | None) -> IssuanceRequest:
    if data is None:
        raise ServiceError(Reason.WRONG_STEP, "no quoted request")
    return IssuanceRequest(
        CertificateCode(data["certificate"]), Scope(data["scope"]),
        IssuanceKind(data["kind"]) if data["kind"] else None, tuple(data["member_ids"]),
        frozenset(PrintedField(f) for f in data["fields"]), data["copies"])


def _payment_json(state: PaymentState) -> dict:
    return {"due_yen": state.due_yen, "inserted_yen": state.inserted_yen,
            "change_yen": state.change_yen, "settled": state.settled}


def _payment_state(data: dict) -> PaymentState:
    return PaymentState(data["due_yen"], data["inserted_yen"], data["change_yen"], data["settled"])


def _receipt_json(receipt: Receipt) -> dict:
    return {"transaction_no": receipt.transaction_no,
            "pdf": base64.b64encode(receipt.pdf).decode("ascii"), "paid_yen": receipt.paid_yen,
            "change_yen": receipt.change_yen, "refunded_yen": receipt.refunded_yen,
            "copies_printed": receipt.copies_printed}


def _receipt_from_json(data: dict) -> Receipt:
    return Receipt(data["transaction_no"], base64.b64decode(data["pdf"]), data["paid_yen"],
                   data["change_yen"], data["refunded_yen"], data["copies_printed"])


__all__ = ["CHALLENGE_TTL", "IDLE_TIMEOUT", "IssuanceCentre", "open_centre"]
