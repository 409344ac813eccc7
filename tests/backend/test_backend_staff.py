"""Staff operations and the daily report against both databases (the CLI tests use SQLite)."""

from __future__ import annotations

import pytest

from backend.admin import daily_report, ledger_balance, resume_card, suspend_card
from backend.api import CertificateCode as C
from backend.api import IssuanceKind, IssuanceRequest
from backend.demo_data import DEMO_NOW, DEMO_TODAY
from backend.reasons import Reason, ServiceError
from tests.backend.conftest import refused


def test_suspension_is_seen_by_the_next_authentication(centre, login):
    suspend_card(centre.db, "arakawa-kenta", DEMO_NOW)
    try:
        with pytest.raises(ServiceError) as info:
            login("arakawa-kenta")
        assert info.value.reason is Reason.CARD_SUSPENDED
    finally:
        resume_card(centre.db, "arakawa-kenta", DEMO_NOW)
    assert login("arakawa-kenta")[1].display_name == "日暮 健太"


def test_daily_report(centre, login):
    session_id, _ = login("tomakomai-yoko", kiosk="lawson-tomakomai-ekimae")
    centre.quote(session_id, IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=3))
    for seq, yen in enumerate((500, 500), start=1):
        centre.insert_coin(session_id, seq, yen)
    centre.settle(session_id)
    centre.issue(session_id)
    for copy_no, ok in ((1, True), (2, True), (3, False)):
        centre.report_copy(session_id, copy_no, ok)
    centre.finish(session_id)
    centre.close(session_id)
    cancelled, _ = login("tomakomai-yoko", kiosk="lawson-tomakomai-ekimae")
    centre.quote(cancelled, IssuanceRequest(C.TAX))
    centre.insert_coin(cancelled, 1, 100)
    centre.cancel(cancelled)
    centre.close(cancelled)

    [row] = daily_report(centre.db, DEMO_TODAY, "lawson-tomakomai-ekimae")
    assert (row.sessions, row.copies, row.yen_in, row.fees, row.refunds, row.change) == (
        2, {"juminhyo": 2}, 1100, 500, 350, 250)
    assert row.yen_in == row.fees + row.refunds + row.change
    assert ledger_balance(centre.db).balanced
    others = [r for r in daily_report(centre.db, DEMO_TODAY) if r.kiosk_id != row.kiosk_id]
    assert all(r.sessions == 0 for r in others)


def test_the_card_registry_for_the_simulator_s_tray(centre) -> None:
    """Each demo card's registry status by its tray name, for a known kiosk only."""
    statuses = centre.card_registry("seven-izumi-fuchu")
    assert statuses["izumi-taro"] == "active" and statuses["tomakomai-suspended"] == "suspended"
    with refused(Reason.UNKNOWN_KIOSK):
        centre.card_registry("nowhere")
