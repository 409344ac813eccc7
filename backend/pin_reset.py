"""署名用電子証明書の暗証番号初期化 in the centre's records: the smartphone app's reservation
(step 1, simulated by `kiosk card reserve-reset` and a scenario step), the reservation a
kiosk session finds, and the one door to the reset authority (J-LIS) that answers the card.

Rules (24 hours, one reset per reservation, 6:30–23:00) are in `backend.rules.resets`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import config
from backend.config import Paths
from backend.db import Database
from backend.jpki.reset_authority import authority_answer
from backend.models import Card, ResetReservation
from backend.reasons import Reason, ServiceError
from backend.rules import resets

def reserve_pin_reset(where: Database | Paths, card_name: str, at: datetime) -> datetime:
    """Step 1 (the smartphone app): reserve the reset of `card_name`'s signing password at
    `at` (aware), in the database given or that of the KIOSK_HOME `where` (KIOSK_DATABASE_URL
    first, as every command). Returns when the reservation lapses (24 hours on). Any card of the
    registry may reserve; the kiosk refuses one that has no usable signing certificate.
    ServiceError UNKNOWN_CARD for a card the registry does not know."""
    if at.tzinfo is None:
        raise ValueError("a reservation needs an aware instant")
    if isinstance(where, Database):
        database = where
    else:                       # a KIOSK_HOME: its database, brought to the current schema
        database = Database(config.database_url(home=where))
        database.migrate()
    try:
        with database.unit() as s:
            card = s.scalar(select(Card).where(Card.card_name == card_name))
            if card is None:
                raise ServiceError(Reason.UNKNOWN_CARD, card_name)
            s.add(ResetReservation(card=card, reserved_at=at))
    finally:
        if database is not where:
            database.dispose()
    return resets.expires_at(resets.Reservation(at))


def latest_reservation(s: Session, card_id: int, now: datetime, *,
                       lock: bool = False) -> ResetReservation | None:
    """The card's most recent reservation made by `now` (the one a kiosk would use)."""
    query = (select(ResetReservation)
             .where(ResetReservation.card_id == card_id, ResetReservation.reserved_at <= now)
             .order_by(ResetReservation.reserved_at.desc(), ResetReservation.id.desc()).limit(1))
    return s.scalar(query.with_for_update() if lock else query)


def reservation_refusal(row: ResetReservation | None, now: datetime) -> Reason | None:
    return resets.reservation_refusal(
        None if row is None else resets.Reservation(row.reserved_at, row.used_at), now)


def answer_card(paths: Paths, card_serial: str, card_challenge: bytes) -> bytes:
    """The reset authority's answer to the card's challenge (for EXTERNAL AUTHENTICATE)."""
    return authority_answer(paths, card_serial, card_challenge)


__all__ = ["answer_card", "latest_reservation", "reservation_refusal",
           "reserve_pin_reset"]
