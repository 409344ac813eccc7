"""The live fleet at a glance (稼働状況): what `kiosk centre top` shows, read from the ledger.

Read-only: one transaction of SELECTs, nothing written, so it can run beside a serving
centre on the same database. The day is the local day of the daily report (Asia/Tokyo).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from backend.admin import REPORT_ZONE
from backend.db import Database
from backend.models import (Issuance, IssuedCopyRecord, KioskSession, Municipality, Payment,
                            RefundRecord)

CLOSED = "closed"


@dataclass(frozen=True)
class FleetSnapshot:
    """The fleet at `at`. `closes` counts sessions closed per `bucket_seconds`, oldest first,
    the last bucket ending at `at` (the sparkline); `certificates` is (municipality, copies
    printed today), most first."""

    at: datetime
    kiosks_seen: int
    sessions_open: int
    sessions_today: int
    closes: tuple[int, ...]
    bucket_seconds: int
    certificates: tuple[tuple[str, int], ...]
    yen_in: int
    yen_out: int          # change and refunds paid back today
    owed_yen: int         # refunds not yet paid out by a coin vendor (払戻し未済), any day
    owed_count: int
    errors: int           # copies that failed to print today (refunded as unprinted)

    @property
    def sessions_per_second(self) -> float:
        """Over the last minute (or the whole window if shorter)."""
        span = min(60, self.bucket_seconds * len(self.closes)) or 1
        last = max(1, span // self.bucket_seconds)
        return sum(self.closes[-last:]) / span


def fleet_snapshot(db: Database, now: datetime, *, window_seconds: int = 300,
                   bucket_seconds: int = 10) -> FleetSnapshot:
    day_start = datetime.combine(now.astimezone(REPORT_ZONE).date(), time(0), REPORT_ZONE)
    buckets = max(1, window_seconds // bucket_seconds)
    window_start = now - timedelta(seconds=buckets * bucket_seconds)
    with db.unit() as s:
        today = KioskSession.opened_at >= day_start
        kiosks = s.scalar(select(func.count(func.distinct(KioskSession.kiosk_id))).where(
            (KioskSession.opened_at >= day_start) | KioskSession.closed_at.is_(None))) or 0
        open_now = s.scalar(select(func.count()).select_from(KioskSession).where(
            KioskSession.state != CLOSED, KioskSession.expires_at > now)) or 0
        sessions_today = s.scalar(select(func.count()).select_from(KioskSession)
                                  .where(today)) or 0
        closed_at = s.scalars(select(KioskSession.closed_at).where(
            KioskSession.closed_at > window_start, KioskSession.closed_at <= now)).all()
        certificates = s.execute(
            select(Municipality.name, func.count())
            .join(Issuance, Issuance.municipality_code == Municipality.code)
            .join(IssuedCopyRecord, IssuedCopyRecord.issuance_id == Issuance.id)
            .where(IssuedCopyRecord.status == "printed", Issuance.issued_at >= day_start)
            .group_by(Municipality.name).order_by(func.count().desc(), Municipality.name)).all()
        yen_in = s.scalar(select(func.coalesce(func.sum(Payment.yen), 0))
                          .where(Payment.received_at >= day_start))
        change = s.scalar(select(func.coalesce(func.sum(KioskSession.change_yen), 0))
                          .where(today))
        refunded = s.scalar(select(func.coalesce(func.sum(RefundRecord.yen), 0))
                            .where(RefundRecord.refunded_at >= day_start))
        owed_yen, owed_count = s.execute(
            select(func.coalesce(func.sum(RefundRecord.yen), 0), func.count())
            .where(RefundRecord.paid_at.is_(None))).one()
        errors = s.scalar(
            select(func.count()).select_from(IssuedCopyRecord)
            .join(Issuance, Issuance.id == IssuedCopyRecord.issuance_id)
            .where(IssuedCopyRecord.status == "failed", Issuance.issued_at >= day_start)) or 0
    closes = [0] * buckets
    for stamp in closed_at:
        if stamp is not None:
            index = int((stamp - window_start).total_seconds() // bucket_seconds)
            closes[min(index, buckets - 1)] += 1
    return FleetSnapshot(
        at=now, kiosks_seen=int(kiosks), sessions_open=int(open_now),
        sessions_today=int(sessions_today), closes=tuple(closes), bucket_seconds=bucket_seconds,
        certificates=tuple((str(name), int(n)) for name, n in certificates),
        yen_in=int(yen_in or 0), yen_out=int(change or 0) + int(refunded or 0),
        owed_yen=int(owed_yen), owed_count=int(owed_count), errors=int(errors))
