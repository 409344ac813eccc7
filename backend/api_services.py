"""The kiosk's other two services (leaflets 001 §3③, 002 p.7 and p.9), on the same door as
証明書交付: plain data in and out of the centre, every call named by its session.

① offers three services. A session is opened for one of them (`begin_session(kiosk_id,
service)`); the card is read and the 4-digit user-auth PIN verified as for a certificate
(`precheck_card`, `authenticate`), and `authenticate` refuses, for the chosen service, a person
the service cannot help (a second 利用登録, no reservation, …). Neither service takes money.

戸籍証明書交付の利用登録申請 (本籍地 pre-registration), after `authenticate`:
  honseki_prefectures → honseki_municipalities(prefecture) → apply_registration
  → registration_slip (the 申請受付 slip) → finish → close.
署名用電子証明書の暗証番号初期化 (signing-PIN reset), after `authenticate`:
  pin_reset_cryptogram(card challenge) → (the card: EXTERNAL AUTHENTICATE, RESET RETRY
  COUNTER) → pin_reset_finished(ok) → finish → close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from backend.reasons import Reason


class Service(StrEnum):
    """① The service a session is for."""

    ISSUANCE = "issuance"                           # 証明書交付サービス
    HONSEKI_REGISTRATION = "honseki_registration"   # 戸籍証明書交付の利用登録申請
    SIGNING_PIN_RESET = "signing_pin_reset"         # 署名用電子証明書の暗証番号初期化


#: The signing-PIN reset is offered 6:30–23:00 only (leaflet 002 p.7).
PIN_RESET_HOURS = ("06:30", "23:00")
#: A reservation made on the smartphone app lasts 24 hours (leaflet 002 p.7).
RESERVATION_HOURS = 24


@dataclass(frozen=True)
class HonsekiChoice:
    """One 市区町村 of a 都道府県 as the registration's 本籍地 list shows it.

    `accepts` False: shown, but cannot be chosen, with `reason` (e.g. it issues 戸籍 at kiosks
    only to its own residents, or not at all)."""

    code: str
    name: str
    prefecture: str
    accepts: bool
    reason: Reason | None = None


@dataclass(frozen=True)
class RegistrationReceipt:
    """申請受付: what the slip prints. Nothing personal beyond what the person typed."""

    receipt_no: str                    # 受付番号
    applied_on: date
    municipality_code: str
    municipality_name: str
    prefecture: str
    hittosha_kana: str                 # 筆頭者 as entered (katakana)
    decision_by: date | None           # 審査の目安: after the municipality's 開庁日, if automatic


class OtherServices(Protocol):
    def honseki_prefectures(self, session_id: str) -> list[str]:
        """都道府県 that have a municipality in the list, in JIS order (北海道 first)."""
    def honseki_municipalities(self, session_id: str, prefecture: str) -> list[HonsekiChoice]:
        """市区町村 of `prefecture`, those that take applications first, each with why not."""
    def apply_registration(self, session_id: str, municipality_code: str,
                           hittosha_kana: str) -> RegistrationReceipt:
        """Send the application to the 本籍地 as pending (idempotent per session)."""
    def registration_slip(self, session_id: str) -> bytes:
        """申請受付 slip (PDF) for the session's application."""
    def pin_reset_cryptogram(self, session_id: str, card_challenge: bytes) -> bytes:
        """The reset authority's answer to the card's GET CHALLENGE, for EXTERNAL AUTHENTICATE;
        uses up the holder's reservation: a retry in the same session is answered, a later
        session needs a new reservation."""
    def pin_reset_finished(self, session_id: str, ok: bool) -> None:
        """The card did (or did not) take the new signing PIN."""


__all__ = ["PIN_RESET_HOURS", "RESERVATION_HOURS", "HonsekiChoice", "OtherServices",
           "RegistrationReceipt", "Service"]
