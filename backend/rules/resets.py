"""署名用電子証明書の暗証番号初期化: when a kiosk may reset the signing password, and for
whom (leaflets 001 §3③, 002 p.7; DOMAIN §7).

Step 1, on the smartphone app at any hour: a reservation, kept 24 hours. Step 2, at a kiosk
6:30–23:00 (23:00 itself is closed), within those 24 hours: the card, the 4-digit user-auth
PIN, the new password. One reservation serves one reset. A card issued to someone under 15
has no signing certificate; a move or a new name revokes it (the counter issues a new one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from backend.api_services import PIN_RESET_HOURS, RESERVATION_HOURS
from backend.reasons import Reason
from backend.rules.hours import within

RESET_OPENS, RESET_CLOSES = (time.fromisoformat(t) for t in PIN_RESET_HOURS)
RESERVATION_LASTS = timedelta(hours=RESERVATION_HOURS)
SIGNING_STATUSES = ("active", "none", "revoked")   # `Card.signing_status`


def reset_hours_refusal(at: datetime) -> Reason | None:
    """PIN_RESET_HOURS outside 6:30–23:00 (the kiosk's local time), else None."""
    return None if within(at.time(), RESET_OPENS, RESET_CLOSES) else Reason.PIN_RESET_HOURS


def signing_refusal(signing_status: str) -> Reason | None:
    """Why this card's signing certificate cannot have its password reset, or None."""
    if signing_status == "none":
        return Reason.NO_SIGNING_CERTIFICATE
    if signing_status != "active":
        return Reason.SIGNING_CERTIFICATE_REVOKED
    return None


@dataclass(frozen=True)
class Reservation:
    reserved_at: datetime
    used_at: datetime | None = None


def expires_at(reservation: Reservation) -> datetime:
    """The instant the reservation lapses: 24 hours after it was made (that instant out)."""
    return reservation.reserved_at + RESERVATION_LASTS


def reservation_refusal(latest: Reservation | None, now: datetime) -> Reason | None:
    """Why the card's latest reservation (made at or before `now`) does not allow a reset
    now, or None: none at all, used by an earlier reset, or older than 24 hours."""
    if latest is None or latest.reserved_at > now:
        return Reason.NO_RESET_RESERVATION
    if latest.used_at is not None:
        return Reason.RESET_RESERVATION_USED
    if now >= expires_at(latest):
        return Reason.RESET_RESERVATION_EXPIRED
    return None


__all__ = ["RESERVATION_LASTS", "RESET_CLOSES", "RESET_OPENS", "SIGNING_STATUSES",
           "Reservation", "expires_at", "reservation_refusal", "reset_hours_refusal",
           "signing_refusal"]
