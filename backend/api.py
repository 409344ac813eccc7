"""The one door the kiosk uses: plain data in and out of the issuance centre.

`backend.service.IssuanceCentre` implements `IssuanceService`. Every call names its session;
a session is bound to exactly one holder after `authenticate`, and every call is idempotent
by (session, step): a retry after a crash or timeout never issues or charges twice. Failures
raise `backend.reasons.ServiceError` with a `Reason`, and leave no state change.

Call order for one person (leaflet 001, ①–⑭):
  begin_session → precheck_card (②) → authenticate (④) → offerings (⑥) → members (⑦)
  → quote (⑩) → insert_coin… → settle (⑪) → issue (⑫) → report_copy… → finish (⑭) → close.
  ⑦ is the household for 住民票の写し 世帯の一部, and for the 戸籍個人事項証明書 (its
  `Offering.persons`) the people of the holder's 戸籍: `members(session_id, certificate)`.
  cancel() at any point before `issue` refunds everything inserted; close() always last.

①'s two other services (本籍地 利用登録申請, the signing-PIN reset) are sessions too,
`begin_session(kiosk_id, service)`: their calls are in `backend.api_services.OtherServices`,
which `IssuanceService` extends. They take no money (insert_coin, settle, issue: WRONG_STEP);
their `finish` returns a 0-yen `Receipt` with an empty `pdf` (no 領収書 to print).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from typing import Protocol

from backend.api_services import OtherServices, Service
from backend.reasons import Reason


class Scope(StrEnum):
    """③ Which municipality's certificates: where one lives, or the 本籍地."""

    RESIDENCE = "residence"   # お住まいの市区町村の証明書
    HONSEKI = "honseki"       # 本籍地の市区町村の証明書 (戸籍 only)


class CertificateCode(StrEnum):
    RESIDENT_RECORD = "juminhyo"          # 住民票の写し
    SEAL_REGISTRATION = "inkan"           # 印鑑登録証明書
    TAX = "kazei"                         # 課税(所得)証明書 (latest year)
    FAMILY_REGISTER_ALL = "koseki_zenbu"  # 戸籍全部事項証明書 (戸籍謄本)
    FAMILY_REGISTER_ONE = "koseki_kojin"  # 戸籍個人事項証明書 (戸籍抄本)
    FAMILY_REGISTER_ADDRESSES = "fuhyo"   # 戸籍の附票の写し


class IssuanceKind(StrEnum):
    """⑦ 交付種別."""

    HOUSEHOLD_ALL = "household_all"   # 世帯全員
    HOUSEHOLD_SOME = "household_some" # 世帯の一部 (chosen members)
    SELF = "self"                     # 本人のみ


class PrintedField(StrEnum):
    """⑧ 記載事項: each is printed only when chosen."""

    HEAD_AND_RELATION = "head_relation"  # 世帯主・続柄
    HONSEKI = "honseki"                  # 本籍地・筆頭者
    MY_NUMBER = "my_number"              # 個人番号 (マイナンバー)
    RESIDENCE_CARD = "residence_card"    # 在留カード等の番号 (a foreign resident's, like 個人番号)


MAX_COPIES = 10  # ⑨ 最大10部
ACCEPTED_YEN = (10, 50, 100, 500, 1000)  # coins and the 1,000 yen note


@dataclass(frozen=True)
class KioskInfo:
    kiosk_id: str
    store_name: str
    chain: str
    municipality_code: str | None  # a city-hall lobby kiosk belongs to one; a shop's to none


@dataclass(frozen=True)
class ServiceHours:
    """What the top screen says before anyone taps: the day's hours, and why it is closed now."""

    opens: time
    closes: time
    closed: Reason | None = None    # CLOSED_HOURS, CLOSED_YEAR_END, MAINTENANCE, STORE_CLOSED


@dataclass(frozen=True)
class KioskDay:
    """The kiosk's figures for the local day so far (日計), for staff."""

    sessions: int
    copies: int
    yen_in: int
    fees: int
    refunds: int
    change: int
    owed: int


@dataclass(frozen=True)
class SessionStart:
    session_id: str
    challenge: bytes               # fresh, single use: the card signs it at ④
    kiosk: KioskInfo
    opened_at: datetime


@dataclass(frozen=True)
class Holder:
    """Who the card's certificate maps to. Shown only as far as the screens need."""

    display_name: str
    municipality_code: str
    municipality_name: str
    honseki_municipality_code: str | None
    honseki_municipality_name: str | None


@dataclass(frozen=True)
class Offering:
    """⑥ One certificate the chosen municipality issues at kiosks, for this holder."""

    certificate: CertificateCode
    fee_yen: int
    available: bool
    reason: Reason | None = None            # why not, when not available
    kinds: tuple[IssuanceKind, ...] = ()     # ⑦ choices that apply (empty: step skipped)
    fields: tuple[PrintedField, ...] = ()    # ⑧ choices that apply (empty: step skipped)
    # ⑦ whose (戸籍個人事項証明書): the people of `members(session_id, certificate)`, chosen
    # into `IssuanceRequest.member_ids` with no kind; none chosen: the holder.
    persons: bool = False


@dataclass(frozen=True)
class Member:
    """⑦ 世帯の一部: a household member the holder may choose; for a 戸籍個人事項証明書 a person
    in the holder's 戸籍 (relation: 筆頭者, 妻, 長男…). `member_id` is opaque."""

    member_id: str
    name: str
    relation: str  # 続柄


@dataclass(frozen=True)
class IssuanceRequest:
    certificate: CertificateCode
    scope: Scope = Scope.RESIDENCE
    kind: IssuanceKind | None = None
    member_ids: tuple[str, ...] = ()
    fields: frozenset[PrintedField] = frozenset()
    copies: int = 1


@dataclass(frozen=True)
class Quote:
    certificate: CertificateCode
    unit_fee_yen: int
    copies: int
    total_yen: int


@dataclass(frozen=True)
class PaymentState:
    due_yen: int
    inserted_yen: int
    change_yen: int = 0      # set by settle()
    settled: bool = False

    @property
    def remaining_yen(self) -> int:
        return max(0, self.due_yen - self.inserted_yen)


@dataclass(frozen=True)
class IssuedCopy:
    copy_no: int             # 1-based
    document_id: str
    pdf: bytes


@dataclass(frozen=True)
class IssueResult:
    issuance_id: str
    copies: tuple[IssuedCopy, ...]


@dataclass(frozen=True)
class Receipt:
    """⑭ 領収書: no personal data."""

    transaction_no: str
    pdf: bytes
    paid_yen: int
    change_yen: int
    refunded_yen: int
    copies_printed: int


@dataclass(frozen=True)
class Refund:
    yen: int


@dataclass(frozen=True)
class OwedRefund:
    """A refund the centre recorded that no coin vendor has reported paid out yet."""

    session_id: str
    yen: int
    since: datetime


class IssuanceService(OtherServices, Protocol):
    def kiosk(self, kiosk_id: str) -> KioskInfo: ...
    def service_hours(self, kiosk_id: str) -> ServiceHours: ...
    def kiosk_day(self, kiosk_id: str) -> KioskDay: ...
    def card_registry(self, kiosk_id: str) -> dict[str, str]:
        """The simulator's card tray (F9): each demo card's registry status by tray name."""
    def begin_session(self, kiosk_id: str, service: Service = Service.ISSUANCE) -> SessionStart:
        """① A session for one of the kiosk's services (`backend.api_services`)."""
    def precheck_card(self, session_id: str, certificate_der: bytes) -> None:
        """② Is this card usable here (chain, validity, revocation, face-auth)? No holder data."""
    def authenticate(self, session_id: str, certificate_der: bytes, signature: bytes) -> Holder:
        """④ Signature (PKCS#1 v1.5, SHA-256) over this session's challenge."""
    def offerings(self, session_id: str, scope: Scope) -> list[Offering]: ...
    def members(self, session_id: str,
                certificate: CertificateCode = CertificateCode.RESIDENT_RECORD) -> list[Member]:
        """⑦ Whom the holder may choose: the household (住民票の写し), or the people now in
        the holder's 戸籍 (FAMILY_REGISTER_ONE, whose `Offering.persons` is set)."""
    def quote(self, session_id: str, request: IssuanceRequest) -> Quote: ...
    def insert_coin(self, session_id: str, seq: int, yen: int) -> PaymentState:
        """Every coin goes through the ledger; `seq` (1, 2, …) makes a retry harmless."""
    def settle(self, session_id: str) -> PaymentState:
        """⑪ Enough money in: hours checked again, change fixed. Refused: nothing charged."""
    def issue(self, session_id: str) -> IssueResult: ...
    def report_copy(self, session_id: str, copy_no: int, printed: bool) -> None: ...
    def finish(self, session_id: str) -> Receipt:
        """⑭ Unprinted copies are refunded; the receipt says so."""
    def cancel(self, session_id: str) -> Refund:
        """Before or after payment, also mid-print: what is owed back (unprinted copies, or
        every yen not paid out as change) is recorded as an owed refund and returned."""
    def close(self, session_id: str) -> Refund:
        """Always last: nothing personal of this session is kept beyond the ledger. Returns
        what the session still owes back (to pay out, then report with `refund_paid`)."""
    def refund_paid(self, session_id: str) -> int:
        """The kiosk's coin vendor paid out the session's owed refunds: they are settled."""
    def refund_slip(self, session_id: str) -> bytes:
        """返金できませんでした: the slip (PDF) for what the session still owes, to print."""
    def owed_refunds(self, kiosk_id: str) -> list[OwedRefund]:
        """Refunds of this kiosk's sessions not yet paid out (paid at the kiosk's next start)."""
    def recover(self, kiosk_id: str) -> list[OwedRefund]:
        """At the kiosk's start: close every session it left open (a crash, a shutdown), then
        list what it owes back."""


__all__ = [
    "ACCEPTED_YEN", "MAX_COPIES", "CertificateCode", "Holder", "IssuanceKind", "IssuanceRequest",
    "IssuanceService", "IssueResult", "IssuedCopy", "KioskDay", "KioskInfo", "Member", "Offering",
    "OwedRefund", "PaymentState", "PrintedField", "Quote", "Receipt", "Refund", "Scope",
    "ServiceHours", "SessionStart",
]
