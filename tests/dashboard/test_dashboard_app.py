"""The dashboard shows the snapshot's figures, and follows the ledger as sessions land."""

from __future__ import annotations

from textual.widgets import DataTable, Label, Sparkline

from backend.demo_data import DEMO_NOW
from backend.fleet import fleet_snapshot
from kiosk.catalogue import text
from kiosk.dashboard.app import FleetApp
from tests.dashboard.conftest import ONE_RECORD, run_session
from tests.dashboard.watch import figure as digits
from tests.dashboard.watch import until


async def test_shows_the_figures(centre, fleet, clock):
    expected = fleet_snapshot(centre.db, DEMO_NOW)
    app = FleetApp(centre.db.url, interval=3600, lang="en", now=clock.now)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(app, pilot, lambda: app.snapshot is not None)
        assert [digits(app, i) for i in ("kiosks", "open", "today", "errors")] == [
            "3", "1", "3", "1"]
        assert digits(app, "yen-in") == f"{fleet.paid_in:,}"
        assert digits(app, "yen-out") == f"{fleet.change + fleet.refunded:,}"
        table = app.query_one("#certificates", DataTable)
        assert [tuple(table.get_row_at(i)) for i in range(table.row_count)] == [
            ("和泉市", "1"), ("苫小牧市", "1")]
        assert list(app.query_one("#closes", Sparkline).data or []) == list(expected.closes)
        owed = text("top_owed", "en", count=1, yen=f"{fleet.refunded:,}")
        assert str(app.query_one("#owed", Label).content) == owed
        screen = app.screen
        await pilot.press("ctrl+p")           # staff read it: no command palette opens
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("q")
    assert app.return_code == 0


async def test_refreshes_when_a_session_lands(centre, fleet, login, clock):
    app = FleetApp(centre.db.url, interval=0.05, now=clock.now)
    async with app.run_test() as pilot:
        await until(app, pilot, lambda: digits(app, "today") == "3")
        session_id, _ = login("tomakomai-omori", kiosk="lawson-tomakomai-ekimae")
        await until(app, pilot, lambda: digits(app, "today") == "4")
        assert digits(app, "open") == "2"
        run_session(centre, session_id, ONE_RECORD, [500], [True])
        await until(app, pilot, lambda: digits(app, "open") == "1")
        table = app.query_one("#certificates", DataTable)
        assert tuple(table.get_row_at(0)) == ("苫小牧市", "2")


async def test_an_unreadable_database_is_said_not_crashed(tmp_path, clock):
    app = FleetApp(f"sqlite:///{tmp_path / 'absent' / 'none.db'}", interval=3600, now=clock.now)
    async with app.run_test() as pilot:
        label = app.query_one("#updated", Label)
        await until(app, pilot, lambda: "OperationalError" in str(label.content))
        assert app.snapshot is None
