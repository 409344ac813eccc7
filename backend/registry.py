"""What the centre reads from its records: kiosks, residents (住民), cards and calendars.

Plain functions over a SQLAlchemy session and rows; they turn rows into the plain data the
rules (`backend.rules`) and the service API (`backend.api`) speak. Refusals raise
`ServiceError`; nothing here writes.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from backend.api import CertificateCode, Holder, KioskInfo, Member, Scope
from backend.models import (Card, CardRevocation, CertificateWindow, Kiosk, MaintenanceDay,
                            Municipality, Resident, ServiceWindow)
from backend.reasons import Reason, ServiceError
from backend.rules import eligibility, hours, validity

if TYPE_CHECKING:
    from backend.jpki.ca import CertificateAuthority
    from backend.jpki.verify import VerifiedCertificate

# An open revocation row's reason → the refusal at ② and ④ (the card statuses' own).
REVOCATION_REASONS = validity.STATUS_REFUSALS


# --- kiosks and calendars --------------------------------------------------------------------

KIOSK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")   # e.g. seven-izumi-fuchu


def kiosk_row(s: Session, kiosk_id: str) -> Kiosk:
    valid = isinstance(kiosk_id, str) and KIOSK_ID.fullmatch(kiosk_id)
    kiosk = s.get(Kiosk, kiosk_id) if valid else None
    if kiosk is None:
        raise ServiceError(Reason.UNKNOWN_KIOSK, repr(kiosk_id)[:80])
    return kiosk


def card_statuses(s: Session) -> dict[str, str]:
    """Each card's registry status (active, suspended…) by its tray name: the simulator's
    card tray and `kiosk card list` show it to staff. Nothing else of the holder."""
    return {name: status for name, status in s.execute(select(Card.card_name, Card.status))}


def kiosk_info(kiosk: Kiosk) -> KioskInfo:
    return KioskInfo(kiosk.kiosk_id, kiosk.store_name, kiosk.chain, kiosk.municipality_code)


def service_calendar(s: Session,
                     municipality_codes: tuple[str | None, ...]) -> hours.ServiceCalendar:
    """The daily window and year-end closure (one nationwide row), and the maintenance days
    (システムメンテナンス) nationwide and of these municipalities."""
    days = s.scalars(select(MaintenanceDay.day).where(
        (MaintenanceDay.municipality_code.is_(None))
        | MaintenanceDay.municipality_code.in_([c for c in municipality_codes if c]))).all()
    window = s.scalars(select(ServiceWindow)).first()
    if window is None:                     # an unseeded database: the leaflets' defaults
        return hours.ServiceCalendar(maintenance_days=frozenset(days))
    return hours.ServiceCalendar(
        opens=window.opens, closes=window.closes,
        year_end_from=_month_day(window.year_end_from), year_end_to=_month_day(window.year_end_to),
        maintenance_days=frozenset(days))


def _month_day(text: str) -> tuple[int, int]:
    """"12-29" → (12, 29)."""
    month, day = text.split("-")
    return int(month), int(day)


def certificate_windows(s: Session,
                        issuer: str) -> dict[CertificateCode, hours.CertificateWindow]:
    """Certificates the issuer serves in narrower hours than the kiosk's (e.g. 戸籍)."""
    return {CertificateCode(w.certificate_code): hours.CertificateWindow(
                w.working_days_only, w.opens, w.closes)
            for w in s.scalars(select(CertificateWindow).where(
                CertificateWindow.municipality_code == issuer))}


# --- cards -----------------------------------------------------------------------------------

def verified_card(s: Session, certificate_der: object, ca: CertificateAuthority,
                  now: datetime) -> tuple[VerifiedCertificate, Card]:
    """② / ④ The card behind a 利用者証明用電子証明書: chain, registry, revocation and card
    rules. Returns (verified certificate, card row)."""
    from backend.jpki.verify import verify_user_auth_certificate   # cryptography: off start-up

    if not isinstance(certificate_der, (bytes, bytearray)):
        raise ServiceError(Reason.CARD_UNREADABLE, "certificate is not bytes")
    verified = verify_user_auth_certificate(bytes(certificate_der), ca, now)
    # The card and its latest revocation still open (if any), in one statement.
    found = s.execute(select(Card, CardRevocation).outerjoin(CardRevocation, and_(
        CardRevocation.certificate_serial == Card.certificate_serial,
        CardRevocation.lifted_at.is_(None))).where(
        Card.certificate_serial == str(verified.serial)).order_by(
        CardRevocation.revoked_at.desc()).limit(1)).first()
    if found is None:
        raise ServiceError(Reason.UNKNOWN_HOLDER, f"serial {verified.serial}")
    card, revocation = found[0], found[1]
    if revocation is not None:
        raise ServiceError(REVOCATION_REASONS.get(revocation.reason,
                                                  Reason.CERTIFICATE_REVOKED), card.card_serial)
    reason = validity.card_refusal(
        validity.CardState(card.status, card.face_auth, card.expires_on,
                           card.certificate_expires_on), now.date())
    if reason is not None:
        raise ServiceError(reason, card.card_serial)
    return verified, card


# --- residents -------------------------------------------------------------------------------

def holder(s: Session, resident: Resident) -> Holder:
    """④ The card holder as the screens show them."""
    home = s.get_one(Municipality, resident.municipality_code)
    honseki = (s.get(Municipality, resident.honseki_municipality_code)
               if resident.honseki_municipality_code else None)
    return Holder(resident.full_name, home.code, home.name,
                  resident.honseki_municipality_code, honseki.name if honseki else None)


def person(resident: Resident) -> eligibility.Person:
    """The resident as the eligibility rules see them."""
    return eligibility.Person(
        municipality_code=resident.municipality_code, birth_date=resident.birth_date,
        became_resident_on=resident.became_resident_on, status=resident.status,
        has_seal=resident.seal is not None,
        tax_years=frozenset(t.fiscal_year for t in resident.tax_records),
        honseki_code=resident.honseki_municipality_code,
        honseki_registrations=registered_with(resident, "approved"),
        honseki_pending=registered_with(resident, "pending"))


def registered_with(resident: Resident, status: str) -> frozenset[str]:
    """The 本籍地 the resident's 利用登録 rows in `status` name (approved, pending)."""
    return frozenset(r.municipality_code for r in resident.honseki_registrations
                     if r.status == status)


def issuing_municipality(resident: Resident, scope: Scope) -> str:
    """③ Whose certificates: the municipality one lives in, or the 本籍地."""
    if scope is Scope.RESIDENCE:
        return resident.municipality_code
    if resident.honseki_municipality_code is None:
        raise ServiceError(Reason.NO_FAMILY_REGISTER, "no 本籍 on record")   # no 戸籍 at all
    return resident.honseki_municipality_code


def household_members(resident: Resident) -> list[Resident]:
    """Members a 住民票 may list: the living, still-registered people of the household."""
    return [m for m in resident.household.members if m.status in ("active", "restricted")]


def member_id(resident: Resident) -> str:
    """`Member.member_id`: the resident's row id as text."""
    return str(resident.id)


def member(resident: Resident) -> Member:
    return Member(member_id(resident), resident.full_name, resident.relation)


__all__ = ["REVOCATION_REASONS", "certificate_windows", "holder", "household_members",
           "issuing_municipality", "kiosk_info", "kiosk_row", "member", "member_id", "person",
           "registered_with", "service_calendar", "verified_card"]
