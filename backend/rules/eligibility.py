"""Who may get which certificate at a kiosk (leaflets 001, 002; DOMAIN §3).

Each refusal is a `Reason`, never free text. `Person` is a plain snapshot of the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backend.api import CertificateCode, Scope
from backend.reasons import Reason
from backend.rules.dates import age_on

MIN_AGE = 15
FAMILY_REGISTER = frozenset({CertificateCode.FAMILY_REGISTER_ALL,
                             CertificateCode.FAMILY_REGISTER_ONE,
                             CertificateCode.FAMILY_REGISTER_ADDRESSES})


@dataclass(frozen=True)
class Person:
    municipality_code: str
    birth_date: date
    became_resident_on: date
    status: str = "active"            # active / moved_out / deceased / restricted
    has_seal: bool = False
    tax_years: frozenset[int] = frozenset()
    honseki_code: str | None = None
    honseki_registrations: frozenset[str] = field(default_factory=frozenset)   # approved
    honseki_pending: frozenset[str] = field(default_factory=frozenset)   # applied, undecided


def latest_fiscal_year(today: date) -> int:
    """The 年度 whose 課税証明書 is current: the new year's assessment appears in June."""
    return today.year if today.month >= 6 else today.year - 1


STATUS_REFUSALS = {
    "moved_out": Reason.MOVED_OUT,
    "deceased": Reason.DECEASED,
    "restricted": Reason.RESTRICTED,
}


def person_refusal(person: Person, today: date) -> Reason | None:
    """Refusals that apply to every certificate, whichever municipality issues it."""
    if person.status in STATUS_REFUSALS:
        return STATUS_REFUSALS[person.status]
    if person.status != "active":
        return Reason.NOT_RESIDENT
    if age_on(person.birth_date, today) < MIN_AGE:
        return Reason.UNDER_15
    if person.became_resident_on >= today:
        # The day's 転入 is not yet in the kiosk system's copy of the register.
        return Reason.MOVED_IN_TODAY
    return None


def scope_refusal(person: Person, scope: Scope, issuer_code: str, today: date, *,
                  honseki_for_nonresidents: bool = False) -> Reason | None:
    """③ May `person` use municipality `issuer_code`'s certificates under `scope` at all?"""
    reason = person_refusal(person, today)
    if reason is not None:
        return reason
    if scope is Scope.RESIDENCE:
        return None if person.municipality_code == issuer_code else Reason.NOT_RESIDENT
    if person.honseki_code is None:
        return Reason.NO_FAMILY_REGISTER
    if person.honseki_code != issuer_code:
        return Reason.NOT_ELIGIBLE_HONSEKI
    if person.municipality_code == issuer_code:
        return None   # lives and has 本籍 here: no 利用登録 needed
    if not honseki_for_nonresidents:
        return Reason.HONSEKI_NOT_OFFERED
    if issuer_code not in person.honseki_registrations:
        return (Reason.REGISTRATION_PENDING if issuer_code in person.honseki_pending
                else Reason.NEEDS_HONSEKI_REGISTRATION)
    return None


def certificate_refusal(person: Person, certificate: CertificateCode, scope: Scope,
                        issuer_code: str, today: date, *,
                        honseki_for_nonresidents: bool = False) -> Reason | None:
    """Why `person` may not get `certificate` from municipality `issuer_code`, or None."""
    reason = scope_refusal(person, scope, issuer_code, today,
                           honseki_for_nonresidents=honseki_for_nonresidents)
    if reason is not None:
        return reason
    if scope is Scope.HONSEKI:
        return None if certificate in FAMILY_REGISTER else Reason.CERTIFICATE_NOT_OFFERED
    if certificate is CertificateCode.SEAL_REGISTRATION and not person.has_seal:
        return Reason.NOT_ELIGIBLE_NO_SEAL
    if certificate is CertificateCode.TAX and latest_fiscal_year(today) not in person.tax_years:
        return Reason.NO_TAX_RECORD
    if certificate in FAMILY_REGISTER and person.honseki_code is None:
        return Reason.NO_FAMILY_REGISTER        # a foreign resident has no 戸籍 anywhere
    if certificate in FAMILY_REGISTER and person.honseki_code != issuer_code:
        return Reason.NOT_ELIGIBLE_HONSEKI
    return None
