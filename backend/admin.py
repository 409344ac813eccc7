"""Staff operations (窓口): card status, maintenance days, listings and the daily report.

Plain functions over a `Database`; `kiosk admin` prints their results. Suspension, resumption
and abolition write `card_revocations` rows, which authentication checks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.db import Database
from backend.models import (Card, CardRevocation, Issuance, IssuedCopyRecord, Kiosk, KioskSession,
                            MaintenanceDay, Municipality, Payment, RefundRecord, Resident)
from backend.reasons import Reason, ServiceError

REPORT_ZONE = ZoneInfo("Asia/Tokyo")


def _card(s: Session, card_name: str) -> Card:
    card = s.scalar(select(Card).where(Card.card_name == card_name))
    if card is None:
        raise ServiceError(Reason.UNKNOWN_CARD, card_name)
    return card


def _open_revocations(card: Card) -> list[CardRevocation]:
    return [r for r in card.revocations if r.lifted_at is None]


def suspend_card(db: Database, card_name: str, now: datetime) -> str:
    """一時停止 (a lost card, by phone, any hour). Abolished or invalidated cards stay so."""
    with db.unit() as s:
        card = _card(s, card_name)
        if card.status in ("abolished", "invalidated"):
            raise ServiceError(Reason.CARD_ABOLISHED if card.status == "abolished"
                               else Reason.CARD_INVALIDATED, card_name)
        if card.status != "suspended":
            card.status = "suspended"
            s.add(CardRevocation(card=card, certificate_serial=card.certificate_serial,
                                 reason="suspended", revoked_at=now))
        return card.status


def resume_card(db: Database, card_name: str, now: datetime) -> str:
    """一時停止の解除 (at the counter). Only a suspension can be lifted."""
    with db.unit() as s:
        card = _card(s, card_name)
        if card.status != "suspended":
            raise ServiceError(Reason.WRONG_STEP, f"{card_name} is {card.status}")
        for revocation in _open_revocations(card):
            if revocation.reason == "suspended":
                revocation.lifted_at = now
        card.status = "active"
        return card.status


def abolish_card(db: Database, card_name: str, now: datetime) -> str:
    """廃止: for good; any open suspension stays on record under the abolition."""
    with db.unit() as s:
        card = _card(s, card_name)
        if card.status != "abolished":
            card.status = "abolished"
            s.add(CardRevocation(card=card, certificate_serial=card.certificate_serial,
                                 reason="abolished", revoked_at=now))
        return card.status


def add_maintenance_day(db: Database, day: date, municipality_code: str | None,
                        note: str = "システムメンテナンス") -> None:
    with db.unit() as s:
        if municipality_code is not None and s.get(Municipality, municipality_code) is None:
            raise ServiceError(Reason.NOT_RESIDENT, f"unknown municipality {municipality_code}")
        exists = s.scalar(select(MaintenanceDay).where(
            MaintenanceDay.day == day, _same_municipality(municipality_code)))
        if exists is None:
            s.add(MaintenanceDay(day=day, municipality_code=municipality_code, note=note))


def remove_maintenance_day(db: Database, day: date, municipality_code: str | None) -> bool:
    with db.unit() as s:
        row = s.scalar(select(MaintenanceDay).where(
            MaintenanceDay.day == day, _same_municipality(municipality_code)))
        if row is None:
            return False
        s.delete(row)
        return True


def _same_municipality(code: str | None):
    column = MaintenanceDay.municipality_code
    return column.is_(None) if code is None else column == code


def maintenance_days(db: Database) -> list[tuple[date, str, str]]:
    with db.unit() as s:
        rows = s.execute(select(MaintenanceDay.day, MaintenanceDay.municipality_code,
                                MaintenanceDay.note).order_by(MaintenanceDay.day)).all()
        names = dict(s.execute(select(Municipality.code, Municipality.name)).all())
        return [(d, names.get(c, "全国") if c else "全国", n) for d, c, n in rows]


def list_cards(db: Database) -> list[dict]:
    with db.unit() as s:
        cards = s.scalars(select(Card).order_by(Card.card_name)).all()
        return [{"card": c.card_name, "serial": c.card_serial, "holder": c.resident.full_name,
                 "municipality": c.resident.municipality_code, "status": c.status,
                 "face_auth": c.face_auth, "expires": c.expires_on.isoformat(),
                 "certificate_expires": c.certificate_expires_on.isoformat()} for c in cards]


def list_residents(db: Database, municipality_code: str | None = None) -> list[dict]:
    with db.unit() as s:
        query = select(Resident).order_by(Resident.municipality_code, Resident.household_id,
                                          Resident.member_order)
        if municipality_code:
            query = query.where(Resident.municipality_code == municipality_code)
        return [{"id": r.id, "name": r.full_name, "kana": r.full_kana,
                 "born": r.birth_date.isoformat(),
                 "municipality": r.municipality_code, "household": r.household_id,
                 "relation": r.relation, "status": r.status, "seal": r.seal is not None}
                for r in s.scalars(query)]


# --- the ledger ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerBalance:
    """Money in and where it went, for one session or all of them."""

    paid_in: int
    fees_printed: int
    refunded: int
    change: int

    @property
    def balanced(self) -> bool:
        return self.paid_in == self.fees_printed + self.refunded + self.change


def ledger_balance(db: Database, session_id: str | None = None) -> LedgerBalance:
    with db.unit() as s:
        def where(query, column):
            return query if session_id is None else query.where(column == session_id)

        paid = s.scalar(where(select(func.coalesce(func.sum(Payment.yen), 0)),
                              Payment.session_id))
        refunded = s.scalar(where(select(func.coalesce(func.sum(RefundRecord.yen), 0)),
                                  RefundRecord.session_id))
        change = s.scalar(where(select(func.coalesce(func.sum(KioskSession.change_yen), 0)),
                                KioskSession.id))
        printed = s.scalar(where(
            select(func.coalesce(func.sum(Issuance.unit_fee_yen), 0))
            .join(IssuedCopyRecord, IssuedCopyRecord.issuance_id == Issuance.id)
            .where(IssuedCopyRecord.status == "printed"), Issuance.session_id))
        return LedgerBalance(int(paid), int(printed), int(refunded), int(change))


@dataclass(frozen=True)
class ReportRow:
    kiosk_id: str
    store: str
    sessions: int
    copies: dict[str, int]        # certificate code → copies printed
    yen_in: int
    refunds: int
    change: int
    fees: int


def daily_report(db: Database, day: date, kiosk_id: str | None = None,
                 zone: ZoneInfo = REPORT_ZONE) -> list[ReportRow]:
    """Per kiosk for one local day: sessions opened, copies printed by certificate, yen."""
    start = datetime.combine(day, time(0), zone)
    end = start + timedelta(days=1)
    with db.unit() as s:
        kiosks = s.scalars(select(Kiosk).order_by(Kiosk.kiosk_id)).all()
        if kiosk_id is not None:
            kiosks = [k for k in kiosks if k.kiosk_id == kiosk_id]
            if not kiosks:
                raise ServiceError(Reason.UNKNOWN_KIOSK, kiosk_id)
        rows = []
        for kiosk in kiosks:
            ids = s.scalars(select(KioskSession.id).where(
                KioskSession.kiosk_id == kiosk.kiosk_id, KioskSession.opened_at >= start,
                KioskSession.opened_at < end)).all()
            copies: Counter[str] = Counter()
            fees = 0
            for code, fee in s.execute(
                    select(Issuance.certificate_code, Issuance.unit_fee_yen)
                    .join(IssuedCopyRecord, IssuedCopyRecord.issuance_id == Issuance.id)
                    .where(Issuance.session_id.in_(ids), IssuedCopyRecord.status == "printed")):
                copies[code] += 1
                fees += fee
            yen_in = sum(s.scalars(select(Payment.yen).where(Payment.session_id.in_(ids))))
            refunds = sum(s.scalars(select(RefundRecord.yen).where(
                RefundRecord.session_id.in_(ids))))
            change = sum(s.scalars(select(KioskSession.change_yen).where(KioskSession.id.in_(ids))))
            rows.append(ReportRow(kiosk.kiosk_id, kiosk.store_name, len(ids), dict(copies),
                                  yen_in, refunds, change, fees))
        return rows
