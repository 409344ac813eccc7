"""Staff operations (窓口): card status, maintenance days, listings and the daily report.

Plain functions over a `Database`; `kiosk admin` prints their results. Suspension, resumption
and abolition write `card_revocations` rows, which authentication checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from backend.db import Database
from backend.models import (Card, CardRevocation, Issuance, IssuedCopyRecord, Kiosk, KioskSession,
                            MaintenanceDay, Municipality, Payment, RefundRecord, Resident)
from backend.reasons import Reason, ServiceError

REPORT_ZONE = ZoneInfo("Asia/Tokyo")

Q = TypeVar("Q", bound="Select[*tuple[Any, ...]]")     # a select of any columns


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
            raise ServiceError(Reason.UNKNOWN_MUNICIPALITY, municipality_code)
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


def _same_municipality(code: str | None) -> ColumnElement[bool]:
    column = MaintenanceDay.municipality_code
    return column.is_(None) if code is None else column == code


def maintenance_days(db: Database) -> list[tuple[date, str, str]]:
    with db.unit() as s:
        rows = s.execute(select(MaintenanceDay.day, MaintenanceDay.municipality_code,
                                MaintenanceDay.note).order_by(MaintenanceDay.day)).all()
        names = dict(s.execute(select(Municipality.code, Municipality.name)).all())
        return [(d, names.get(c, "全国") if c else "全国", n) for d, c, n in rows]


def list_cards(db: Database) -> list[dict[str, Any]]:
    with db.unit() as s:
        cards = s.scalars(select(Card).order_by(Card.card_name)).all()
        return [{"card": c.card_name, "serial": c.card_serial, "holder": c.resident.full_name,
                 "municipality": c.resident.municipality_code, "status": c.status,
                 "face_auth": c.face_auth, "expires": c.expires_on.isoformat(),
                 "certificate_expires": c.certificate_expires_on.isoformat()} for c in cards]


def list_residents(db: Database,
                   municipality_code: str | None = None) -> list[dict[str, Any]]:
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
    """Money in and where it went, for one session or all of them. `owed`: the part of
    `refunded` no coin vendor has reported paid out yet (払戻し未済)."""

    paid_in: int
    fees_printed: int
    refunded: int
    change: int
    owed: int = 0

    @property
    def balanced(self) -> bool:
        return self.paid_in == self.fees_printed + self.refunded + self.change


def _printed(query: Q) -> Q:
    """`query` over the printed copies of issuances: a fee is taken for these only."""
    return (query.join(IssuedCopyRecord, IssuedCopyRecord.issuance_id == Issuance.id)
            .where(IssuedCopyRecord.status == "printed"))


def ledger_balance(db: Database, session_id: str | None = None) -> LedgerBalance:
    with db.unit() as s:
        return _balance(s, None if session_id is None else [session_id])


def _balance(s: Session, session_ids: list[str] | None) -> LedgerBalance:
    """The sums over these sessions; None: over every session."""
    def total(query: Select[int], session_column: InstrumentedAttribute[str]) -> int:
        if session_ids is not None:
            query = query.where(session_column.in_(session_ids))
        return int(s.execute(query).scalar_one())     # a sum: always one row

    def yen(column: InstrumentedAttribute[int]) -> Select[int]:
        return select(func.coalesce(func.sum(column), 0))

    return LedgerBalance(
        paid_in=total(yen(Payment.yen), Payment.session_id),
        fees_printed=total(_printed(yen(Issuance.unit_fee_yen)), Issuance.session_id),
        refunded=total(yen(RefundRecord.yen), RefundRecord.session_id),
        change=total(yen(KioskSession.change_yen), KioskSession.id),
        owed=total(yen(RefundRecord.yen).where(RefundRecord.paid_at.is_(None)),
                   RefundRecord.session_id))


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
    owed: int = 0                 # refunds not paid out yet: staff settle them (返金できず)


def daily_report(db: Database, day: date, kiosk_id: str | None = None,
                 zone: ZoneInfo = REPORT_ZONE) -> list[ReportRow]:
    """Per kiosk for one local day: sessions opened, copies printed by certificate, yen."""
    start = datetime.combine(day, time(0), zone)
    end = start + timedelta(days=1)
    with db.unit() as s:
        query = select(Kiosk).order_by(Kiosk.kiosk_id)
        if kiosk_id is not None:
            query = query.where(Kiosk.kiosk_id == kiosk_id)
        kiosks = s.scalars(query).all()
        if kiosk_id is not None and not kiosks:
            raise ServiceError(Reason.UNKNOWN_KIOSK, kiosk_id)
        rows = []
        for kiosk in kiosks:
            ids = list(s.scalars(select(KioskSession.id).where(
                KioskSession.kiosk_id == kiosk.kiosk_id, KioskSession.opened_at >= start,
                KioskSession.opened_at < end)))
            copies: dict[str, int] = dict(s.execute(
                _printed(select(Issuance.certificate_code, func.count()))
                .where(Issuance.session_id.in_(ids)).group_by(Issuance.certificate_code)).all())
            money = _balance(s, ids)
            rows.append(ReportRow(kiosk.kiosk_id, kiosk.store_name, len(ids), copies,
                                  money.paid_in, money.refunded, money.change,
                                  money.fees_printed, money.owed))
        return rows


@dataclass(frozen=True)
class OwedRefundRow:
    kiosk_id: str
    session_id: str
    yen: int
    since: datetime


def owed_refund_list(db: Database, kiosk_id: str | None = None) -> list[OwedRefundRow]:
    """Every refund recorded and not yet paid out, oldest first, whatever its day."""
    with db.unit() as s:
        query = (select(KioskSession.kiosk_id, RefundRecord.session_id,
                        func.sum(RefundRecord.yen), func.min(RefundRecord.refunded_at))
                 .join(KioskSession, KioskSession.id == RefundRecord.session_id)
                 .where(RefundRecord.paid_at.is_(None))
                 .group_by(KioskSession.kiosk_id, RefundRecord.session_id)
                 .order_by(func.min(RefundRecord.refunded_at)))
        if kiosk_id is not None:
            query = query.where(KioskSession.kiosk_id == kiosk_id)
        return [OwedRefundRow(k, sid, int(yen), since) for k, sid, yen, since in s.execute(query)]
