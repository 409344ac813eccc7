"""fleet_snapshot over a ledger written by the centre: each figure, and the time window."""

from __future__ import annotations

from datetime import timedelta

from backend.admin import ledger_balance, owed_refund_list
from backend.demo_data import DEMO_NOW
from backend.fleet import fleet_snapshot


def test_each_figure(centre, fleet):
    snap = fleet_snapshot(centre.db, DEMO_NOW)
    assert (snap.kiosks_seen, snap.sessions_open, snap.sessions_today) == (3, 1, 3)
    assert snap.certificates == (("和泉市", 1), ("苫小牧市", 1))
    assert snap.yen_in == fleet.paid_in == 1000
    assert snap.yen_out == fleet.change + fleet.refunded
    owed = owed_refund_list(centre.db)
    assert (snap.owed_count, snap.owed_yen) == (len(owed), sum(o.yen for o in owed))
    assert snap.owed_yen == fleet.refunded > 0
    assert snap.errors == 1
    # the snapshot's money agrees with the ledger's own balance
    money = ledger_balance(centre.db)
    assert snap.yen_in - snap.yen_out == money.fees_printed


def test_closes_fall_in_their_bucket(centre, fleet):
    at = fleet_snapshot(centre.db, DEMO_NOW)
    assert at.closes[-1] == 2 and sum(at.closes) == 2
    later = fleet_snapshot(centre.db, DEMO_NOW + timedelta(seconds=15))
    assert later.closes[-2] == 2 and sum(later.closes) == 2
    assert later.sessions_per_second == 2 / 60
    gone = fleet_snapshot(centre.db, DEMO_NOW + timedelta(minutes=6))
    assert sum(gone.closes) == 0 and gone.sessions_per_second == 0


def test_the_next_day_starts_afresh(centre, fleet):
    snap = fleet_snapshot(centre.db, DEMO_NOW + timedelta(days=1))
    assert (snap.sessions_today, snap.yen_in, snap.certificates, snap.errors) == (0, 0, (), 0)
    # an owed refund stays owed, whatever the day; the open session has expired
    assert snap.owed_yen == fleet.refunded and snap.sessions_open == 0
    assert snap.kiosks_seen == 1     # the one still not closed


def test_an_empty_ledger(centre):
    snap = fleet_snapshot(centre.db, DEMO_NOW)
    assert (snap.kiosks_seen, snap.sessions_open, snap.yen_in, snap.owed_yen) == (0, 0, 0, 0)
    assert len(snap.closes) == 30 and not any(snap.closes)
