"""戸籍証明書交付の利用登録申請 in the centre's records: the 本籍地 list, an application made at
a kiosk, its settlement, and the staff's decisions (`kiosk admin registrations`).

An application waits `pending` until its 本籍地 decides. Where the municipality decides
automatically (`Municipality.registration_days` 開庁日 after the application), nothing runs
on a timer: whoever reads registrations settles the due ones first (`settle_due`), on the
centre's clock — ③'s offerings, authentication for a new application, the staff listing and
the report. A due application that matches the 戸籍 is approved, one that does not rejected
(REGISTRATION_MISMATCH). Rules are in `backend.rules.registrations`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.api import CertificateCode
from backend.api_services import HonsekiChoice, RegistrationReceipt
from backend.clock import JST
from backend.db import Database
from backend.models import FeeSchedule, HonsekiRegistration, Municipality, Resident
from backend.reasons import Reason, ServiceError
from backend.rules import registrations as rules
from backend.rules.registrations import APPROVED, PENDING, REJECTED, STATUSES

AUTO, STAFF = "auto", "staff"          # who decided (`decided_by`)
MUNICIPALITY_CODE = re.compile(r"[0-9]{6}")
REASON_MAX = 200


def local_day(at: datetime) -> date:
    """The day in Japan, where every 本籍地 counts its 開庁日."""
    return at.astimezone(JST).date()


# --- the register's side ---------------------------------------------------------------------

def applicant(resident: Resident,
              rows: Sequence[HonsekiRegistration] | None = None) -> rules.Applicant:
    """The resident as an application's rules see them; `rows`: their registrations as just
    read (default: as loaded with the resident)."""
    rows = resident.honseki_registrations if rows is None else rows
    def codes(status: str) -> frozenset[str]:
        return frozenset(r.municipality_code for r in rows if r.status == status)
    return rules.Applicant(resident.municipality_code, resident.honseki_municipality_code,
                           resident.hittosha_kana, codes(APPROVED), codes(PENDING))


def acceptances(s: Session) -> dict[str, Reason | None]:
    """Each municipality's answer to "do you take applications?" (`rules.acceptance`)."""
    offers: dict[str, list[tuple[CertificateCode, bool]]] = {
        code: [] for code in s.scalars(select(Municipality.code))}
    for fee in s.scalars(select(FeeSchedule)):
        offers[fee.municipality_code].append((CertificateCode(fee.certificate_code),
                                              fee.honseki_scope))
    return {code: rules.acceptance(pairs) for code, pairs in offers.items()}


def prefectures(s: Session) -> list[str]:
    """都道府県 with a municipality in the list, in JIS order (the code's first two digits)."""
    first: dict[str, str] = {}
    for code, prefecture in s.execute(select(Municipality.code, Municipality.prefecture)):
        first[prefecture] = min(code, first.get(prefecture, code))
    return sorted(first, key=lambda p: first[p])


def choices(s: Session, prefecture: str, person: rules.Applicant) -> list[HonsekiChoice]:
    """The 市区町村 of `prefecture` for this person: those that take the application first,
    then the rest with why not; each group in code order."""
    accepts = acceptances(s)
    rows = s.scalars(select(Municipality).where(Municipality.prefecture == prefecture)
                     .order_by(Municipality.code)).all()
    listed = [HonsekiChoice(m.code, m.name, m.prefecture, reason is None, reason)
              for m in rows
              for reason in (rules.choice_refusal(person, m.code, accepts[m.code]),)]
    return sorted(listed, key=lambda c: not c.accepts)


# --- an application --------------------------------------------------------------------------

def municipality(s: Session, code: object) -> Municipality:
    """The 本籍地 a person chose (its 6-digit code), or UNKNOWN_MUNICIPALITY."""
    row = (s.get(Municipality, code)
           if isinstance(code, str) and MUNICIPALITY_CODE.fullmatch(code) else None)
    if row is None:
        raise ServiceError(Reason.UNKNOWN_MUNICIPALITY, repr(code)[:80])
    return row


def apply(s: Session, resident: Resident, municipality: Municipality, hittosha_kana: object,
          session_id: str, now: datetime) -> HonsekiRegistration:
    """Record the application as pending at its 本籍地. Refusals raise, writing nothing."""
    # The person's row locked: two kiosks cannot both send a first application.
    s.execute(select(Resident.id).where(Resident.id == resident.id).with_for_update())
    person = applicant(resident, s.scalars(select(HonsekiRegistration).where(
        HonsekiRegistration.resident_id == resident.id)).all())
    reason = rules.choice_refusal(person, municipality.code, acceptances(s)[municipality.code])
    if reason is not None:
        raise ServiceError(reason, municipality.code)
    kana = rules.hittosha_kana(hittosha_kana)
    applied_on = local_day(now)
    days = municipality.registration_days
    row = HonsekiRegistration(
        resident_id=resident.id, municipality_code=municipality.code, status=PENDING,
        applied_at=now, hittosha_kana=kana, session_id=session_id,
        due_on=rules.decision_day(applied_on, days) if days else None)
    s.add(row)
    s.flush()
    # 受付番号: the day and the row's number, so numbers rise and never repeat.
    row.receipt_no = f"{applied_on:%Y%m%d}{row.id:06d}"
    return row


def receipt(s: Session, row: HonsekiRegistration) -> RegistrationReceipt:
    municipality = s.get_one(Municipality, row.municipality_code)
    if row.receipt_no is None or row.applied_at is None or row.hittosha_kana is None:
        raise ServiceError(Reason.WRONG_STEP, "not an application made at a kiosk")
    return RegistrationReceipt(row.receipt_no, local_day(row.applied_at), municipality.code,
                               municipality.name, municipality.prefecture, row.hittosha_kana,
                               row.due_on)


# --- deciding ---------------------------------------------------------------------------------

def settle_due(s: Session, now: datetime, resident_id: int | None = None) -> int:
    """Decide every pending application whose automatic day has come (of one resident, or
    all). Returns how many were decided."""
    query = (select(HonsekiRegistration)
             .where(HonsekiRegistration.status == PENDING,
                    HonsekiRegistration.due_on <= local_day(now))
             .order_by(HonsekiRegistration.id).with_for_update())
    if resident_id is not None:
        query = query.where(HonsekiRegistration.resident_id == resident_id)
    due = s.scalars(query).all()
    for row in due:
        ok = rules.matches(applicant(row.resident), row.municipality_code, row.hittosha_kana)
        _decide(row, ok, AUTO, now, None if ok else Reason.REGISTRATION_MISMATCH.value)
    return len(due)


def _decide(row: HonsekiRegistration, approve: bool, by: str, now: datetime,
            reason: str | None) -> None:
    row.status = APPROVED if approve else REJECTED
    row.decided_at, row.decided_by, row.reason = now, by, reason
    row.registered_on = local_day(now) if approve else None


@dataclass(frozen=True)
class RegistrationRow:
    """One application as staff see it."""

    id: int
    receipt_no: str
    applied_at: datetime | None
    municipality: str                # 本籍地 (name)
    applicant: str                   # 氏名
    hittosha_kana: str               # as entered
    status: str
    due_on: date | None
    decided_by: str | None
    reason: str | None
    matches: bool | None             # what the 本籍地's check says; None: not applied at a kiosk


def _row(s: Session, r: HonsekiRegistration) -> RegistrationRow:
    municipality = s.get_one(Municipality, r.municipality_code)
    return RegistrationRow(
        r.id, r.receipt_no or "", r.applied_at, municipality.name, r.resident.full_name,
        r.hittosha_kana or "", r.status, r.due_on, r.decided_by, r.reason,
        None if r.hittosha_kana is None
        else rules.matches(applicant(r.resident), r.municipality_code, r.hittosha_kana))


def list_registrations(db: Database, now: datetime,
                       status: str | None = None) -> list[RegistrationRow]:
    """Applications (and registrations done), oldest first; settled first."""
    if status is not None and status not in STATUSES:
        raise ServiceError(Reason.BAD_REQUEST, f"status must be one of {', '.join(STATUSES)}")
    with db.unit() as s:
        settle_due(s, now)
        query = select(HonsekiRegistration).order_by(HonsekiRegistration.id)
        if status is not None:
            query = query.where(HonsekiRegistration.status == status)
        return [_row(s, r) for r in s.scalars(query)]


def _pending(s: Session, ident: str) -> HonsekiRegistration:
    """The application `ident` names (its 受付番号 or its id), which must still be pending."""
    row = s.scalar(select(HonsekiRegistration).where(HonsekiRegistration.receipt_no == ident)
                   .with_for_update())
    if row is None and ident.isdigit() and len(ident) < 10:
        row = s.get(HonsekiRegistration, int(ident), with_for_update=True)
    if row is None:
        raise ServiceError(Reason.BAD_REQUEST, f"no application {ident}")
    if row.status != PENDING:
        raise ServiceError(Reason.WRONG_STEP, f"application {ident} is {row.status}")
    return row


def approve(db: Database, ident: str, now: datetime, *, force: bool = False) -> RegistrationRow:
    """Staff approve a pending application. One that does not match the 戸籍 is refused
    (REGISTRATION_MISMATCH) unless `force`: staff who checked the 戸籍 themselves."""
    with db.unit() as s:
        settle_due(s, now)
        row = _pending(s, ident)
        if not force and not rules.matches(applicant(row.resident), row.municipality_code,
                                           row.hittosha_kana):
            raise ServiceError(Reason.REGISTRATION_MISMATCH, f"application {ident}")
        _decide(row, True, STAFF, now, None)
        return _row(s, row)


def reject(db: Database, ident: str, reason: str, now: datetime) -> RegistrationRow:
    """Staff reject a pending application, saying why (the text staff give)."""
    reason = " ".join(reason.split()) if isinstance(reason, str) else ""
    if not reason or len(reason) > REASON_MAX:
        raise ServiceError(Reason.BAD_REQUEST, f"a reason of 1–{REASON_MAX} characters")
    with db.unit() as s:
        settle_due(s, now)
        row = _pending(s, ident)
        _decide(row, False, STAFF, now, reason)
        return _row(s, row)


def counts(db: Database, now: datetime) -> dict[str, int]:
    """How many registrations are in each status (every status named, 0 included)."""
    with db.unit() as s:
        settle_due(s, now)
        got: dict[str, int] = {status: n for status, n in s.execute(
            select(HonsekiRegistration.status, func.count())
            .group_by(HonsekiRegistration.status))}
    return {status: got.get(status, 0) for status in STATUSES}


__all__ = ["AUTO", "STAFF", "RegistrationRow", "acceptances", "applicant", "apply", "approve",
           "choices", "counts", "list_registrations", "local_day", "municipality", "prefectures",
           "receipt", "reject", "settle_due"]
