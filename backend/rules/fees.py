"""Fees (手数料) and money: copies 1–10, coins accepted, change and refunds.

The fee per copy comes with the offering (`Offering.fee_yen`, from the fee schedule)."""

from __future__ import annotations

from backend.api import ACCEPTED_YEN, MAX_COPIES, CertificateCode
from backend.reasons import Reason, ServiceError


def parse_copies(value: object) -> int:
    """⑨ 部数: an int (or digit string) 1–10; anything else is INVALID_COPIES."""
    if isinstance(value, bool):
        raise ServiceError(Reason.INVALID_COPIES, repr(value))
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise ServiceError(Reason.INVALID_COPIES, repr(value))
        value = int(text)
    if not isinstance(value, int) or not 1 <= value <= MAX_COPIES:
        raise ServiceError(Reason.INVALID_COPIES, repr(value))
    return value


def parse_certificate(value: object) -> CertificateCode:
    if not isinstance(value, str):      # only a code's string value names a certificate
        raise ServiceError(Reason.UNKNOWN_CERTIFICATE, repr(value))
    try:
        return CertificateCode(value)
    except ValueError as exc:
        raise ServiceError(Reason.UNKNOWN_CERTIFICATE, repr(value)) from exc


def validate_coin(yen: object) -> int:
    """Only real coins and the 1,000 yen note: negative, odd or non-integer values refused."""
    if isinstance(yen, bool) or not isinstance(yen, int) or yen not in ACCEPTED_YEN:
        raise ServiceError(Reason.INVALID_COIN, repr(yen))
    return yen


def change_due(due_yen: int, inserted_yen: int) -> int:
    if inserted_yen < due_yen:
        raise ServiceError(Reason.INSUFFICIENT_PAYMENT, f"{inserted_yen} < {due_yen}")
    return inserted_yen - due_yen


def refund_for_unprinted(unit_fee_yen: int, copies_requested: int, copies_printed: int) -> int:
    if not 0 <= copies_printed <= copies_requested:
        raise ValueError("printed copies out of range")
    return unit_fee_yen * (copies_requested - copies_printed)
