"""Card and e-certificate validity (leaflets 001 §5, 002 table, 003 §2(5); DOMAIN §4).

Card: to the 10th birthday after issue for holders 18 or older at issue, the 5th for younger
ones; a foreign resident with a fixed period of stay: no later than the end of that period.
User-auth certificate: to the 5th birthday after issue, never beyond the card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.reasons import Reason
from backend.rules.dates import age_on, nth_birthday_after

ADULT_AGE = 18
ADULT_CARD_BIRTHDAYS = 10
MINOR_CARD_BIRTHDAYS = 5
CERTIFICATE_BIRTHDAYS = 5

# Residence statuses whose card runs as a Japanese national's (leaflet 002, 外国人住民).
SAME_AS_NATIONALS = frozenset({"永住者", "特別永住者", "高度専門職第2号"})


def card_expiry(birth: date, issued_on: date, *, stay_expires_on: date | None = None) -> date:
    adult = age_on(birth, issued_on) >= ADULT_AGE
    expiry = nth_birthday_after(birth, issued_on,
                                ADULT_CARD_BIRTHDAYS if adult else MINOR_CARD_BIRTHDAYS)
    if stay_expires_on is not None:
        expiry = min(expiry, stay_expires_on)
    return expiry


def certificate_expiry(birth: date, issued_on: date, card_expires_on: date) -> date:
    return min(nth_birthday_after(birth, issued_on, CERTIFICATE_BIRTHDAYS), card_expires_on)


def stay_limits_card(residence_status: str | None, stay_expires_on: date | None) -> date | None:
    """The period of stay that caps the card, or None (nationals, permanent residents)."""
    if residence_status is None or residence_status in SAME_AS_NATIONALS:
        return None
    return stay_expires_on


@dataclass(frozen=True)
class CardState:
    status: str                      # active / suspended / abolished / invalidated
    face_auth: bool
    expires_on: date
    certificate_expires_on: date


STATUS_REFUSALS = {
    "suspended": Reason.CARD_SUSPENDED,
    "abolished": Reason.CARD_ABOLISHED,
    "invalidated": Reason.CARD_INVALIDATED,
}


def card_refusal(card: CardState, today: date) -> Reason | None:
    """Why this card cannot be used for kiosk issuance today, or None.

    Expiry dates are inclusive: a card is good through its expiry day.
    """
    if card.status in STATUS_REFUSALS:
        return STATUS_REFUSALS[card.status]
    if card.status != "active":
        return Reason.CARD_INVALIDATED
    if card.face_auth:
        return Reason.FACE_AUTH_CARD
    if today > card.expires_on:
        return Reason.CARD_EXPIRED
    if today > card.certificate_expires_on:
        return Reason.CERTIFICATE_EXPIRED
    return None
