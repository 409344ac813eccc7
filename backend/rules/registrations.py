"""戸籍証明書交付の利用登録申請: who may apply, to which 本籍地, and how it is decided
(leaflet 002 p.9; DOMAIN §7).

A person whose 本籍 is in a municipality where they do not live applies once, naming the 戸籍
by its 本籍地 and its 筆頭者 (in katakana). The 本籍地 checks the application against its
戸籍: the applicant must be recorded there under that 筆頭者. It decides by staff or, where it
says so, automatically after a number of 開庁日 (the working days of `backend.rules.hours`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from backend.api import CertificateCode
from backend.reasons import Reason, ServiceError
from backend.rules.eligibility import FAMILY_REGISTER
from backend.rules.hours import is_working_day

KANA_MAX = 30                 # characters, spaces included (the kiosk's entry field)
# Full-width katakana (ァ–ヺ), the middle dot, the long-vowel mark and the iteration marks
# (ヽ ヾ), in words of one space between.
_KATAKANA = re.compile(r"[\u30a1-\u30fe]+( [\u30a1-\u30fe]+)*")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)


def hittosha_kana(value: object) -> str:
    """The 筆頭者 as entered, in its one spelling: half-width katakana made full-width
    (NFKC), every run of spaces (full- or half-width) one space, none at the ends.
    HITTOSHA_KANA_INVALID for anything empty, too long or not katakana."""
    if not isinstance(value, str):
        raise ServiceError(Reason.HITTOSHA_KANA_INVALID, "not text")
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not text or len(text) > KANA_MAX or not _KATAKANA.fullmatch(text):
        raise ServiceError(Reason.HITTOSHA_KANA_INVALID, repr(value)[:80])
    return text


def same_name(entered: str | None, recorded: str | None) -> bool:
    """Two katakana names are one name when they differ only in spaces and width."""
    if not entered or not recorded:
        return False
    def plain(name: str) -> str:
        return "".join(unicodedata.normalize("NFKC", name).split())
    return plain(entered) == plain(recorded)


def decision_day(applied_on: date, working_days: int) -> date:
    """The `working_days`-th 開庁日 after the day of application (that day itself not
    counted): the day the application is decided, and usable if approved."""
    if working_days < 1:
        raise ValueError("working_days must be at least 1")
    day, counted = applied_on, 0
    while counted < working_days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def is_due(due_on: date | None, today: date) -> bool:
    """An automatic decision is made from its day on; NULL: staff only, never due."""
    return due_on is not None and today >= due_on


def acceptance(offers: Iterable[tuple[CertificateCode, bool]]) -> Reason | None:
    """Does a municipality take applications from people living elsewhere, given what it
    issues at kiosks — (certificate, also for its 本籍 only) pairs? None: it does;
    HONSEKI_RESIDENTS_ONLY: it issues 戸籍 to its own residents only (Izumi);
    HONSEKI_NOT_OFFERED: no 戸籍 at kiosks at all."""
    family = [honseki_scope for code, honseki_scope in offers if code in FAMILY_REGISTER]
    if any(family):
        return None
    return Reason.HONSEKI_RESIDENTS_ONLY if family else Reason.HONSEKI_NOT_OFFERED


@dataclass(frozen=True)
class Applicant:
    """The register's view of a person at the start of an application."""

    municipality_code: str                       # where they live
    honseki_code: str | None                     # None: no 戸籍 (a foreign resident)
    hittosha_kana: str | None = None
    approved: frozenset[str] = field(default_factory=frozenset)   # 本籍地 registered with
    pending: frozenset[str] = field(default_factory=frozenset)    # 本籍地 being checked


def applicant_refusal(person: Applicant) -> Reason | None:
    """Why this person cannot start an application at all (before choosing the 本籍地).

    One application at a time: any pending one refuses a second. The register's 本籍 decides
    the rest: none (no 戸籍), where they live (no need), or already registered there."""
    if person.honseki_code is None:
        return Reason.NO_FAMILY_REGISTER
    if person.pending:
        return Reason.REGISTRATION_PENDING
    if person.honseki_code == person.municipality_code:
        return Reason.NO_REGISTRATION_NEEDED
    if person.honseki_code in person.approved:
        return Reason.ALREADY_REGISTERED
    return None


def choice_refusal(person: Applicant, code: str, accepts: Reason | None) -> Reason | None:
    """Why this person cannot apply to municipality `code` (whose `acceptance` is
    `accepts`), or None. The 本籍 on record is not asked: the 本籍地 checks that."""
    if accepts is not None:
        return accepts
    if code == person.municipality_code:
        return Reason.NO_REGISTRATION_NEEDED      # its 戸籍 come with living there
    if code in person.approved:
        return Reason.ALREADY_REGISTERED
    if person.pending:
        return Reason.REGISTRATION_PENDING
    return None


def matches(person: Applicant, code: str, entered_kana: str | None) -> bool:
    """The 本籍地's check: recorded in a 戸籍 at `code` whose 筆頭者 is the name entered."""
    return person.honseki_code == code and same_name(entered_kana, person.hittosha_kana)


__all__ = ["APPROVED", "KANA_MAX", "PENDING", "REJECTED", "STATUSES", "Applicant",
           "acceptance", "applicant_refusal", "choice_refusal", "decision_day",
           "hittosha_kana", "is_due", "matches", "same_name"]
