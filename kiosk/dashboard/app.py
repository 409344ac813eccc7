"""The fleet dashboard: figures, a sparkline of sessions per bucket, certificates by
municipality. Each refresh reads the database in a thread worker so the screen never waits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.containers import Grid, Vertical
from textual.widgets import DataTable, Digits, Footer, Header, Label, Sparkline

from backend.clock import JST
from backend.db import Database
from backend.fleet import FleetSnapshot, fleet_snapshot
from kiosk.catalogue import text

#: The figures shown as Digits: (widget id, catalogue key, the snapshot's value).
FIGURES: tuple[tuple[str, str, Callable[[FleetSnapshot], int]], ...] = (
    ("kiosks", "top_kiosks", lambda f: f.kiosks_seen),
    ("open", "top_open", lambda f: f.sessions_open),
    ("today", "top_today", lambda f: f.sessions_today),
    ("yen-in", "top_yen_in", lambda f: f.yen_in),
    ("yen-out", "top_yen_out", lambda f: f.yen_out),
    ("errors", "top_errors", lambda f: f.errors),
)


def _system_now() -> datetime:
    return datetime.now(UTC)


class FleetApp(App[None]):
    """稼働状況: refreshed every `interval` seconds; q quits."""

    CSS_PATH = "dashboard.tcss"
    # A screen for staff to read, not to drive: no command palette (^p) in the footer.
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, database_url: str, *, interval: float = 2.0, lang: str = "ja",
                 now: Callable[[], datetime] = _system_now) -> None:
        super().__init__()
        self.database_url = database_url
        self.interval = interval
        self.lang = lang
        self.now = now
        self.snapshot: FleetSnapshot | None = None
        self._db: Database | None = None
        self.bind("q", "quit", description=text("top_quit", lang))

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="figures"):
            for ident, key, _ in FIGURES:
                with Vertical(classes="figure"):
                    yield Label(text(key, self.lang), classes="caption")
                    yield Digits("-", id=ident)
        yield Label(text("top_rate", self.lang, rate="-"), id="rate")
        yield Sparkline([], id="closes")
        yield Label("", id="owed")
        yield DataTable(id="certificates", cursor_type="none")
        yield Label("", id="updated")
        yield Footer()

    def on_mount(self) -> None:
        self.title = text("top_title", self.lang)
        table = self.query_one("#certificates", DataTable)
        table.add_columns(text("top_municipality", self.lang), text("top_copies", self.lang))
        self.refresh_snapshot()
        self.set_interval(self.interval, self._tick)

    def _tick(self) -> None:
        # A slow database: let the read under way finish rather than pile reads up behind it.
        if not any(w.group == "snapshot" and w.is_running for w in self.workers):
            self.refresh_snapshot()

    def on_unmount(self) -> None:
        if self._db is not None:
            self._db.dispose()

    @work(thread=True, group="snapshot")
    def refresh_snapshot(self) -> None:
        try:
            if self._db is None:
                self._db = Database(self.database_url)
            snapshot = fleet_snapshot(self._db, self.now())
        except Exception as error:   # an unreachable database: say so, keep polling
            self.call_from_thread(self._quietly, self._show_error, error)
            return
        self.call_from_thread(self._quietly, self.show, snapshot)

    def _quietly(self, show: Callable[[Any], None], value: Any) -> None:
        # A read that ends as the app quits finds its widgets gone: nothing left to show.
        try:
            show(value)
        except NoMatches:
            pass

    def _show_error(self, error: Exception) -> None:
        self.query_one("#updated", Label).update(
            text("top_unreadable", self.lang, error=type(error).__name__))

    def show(self, snapshot: FleetSnapshot) -> None:
        self.snapshot = snapshot
        for ident, _, value in FIGURES:
            self.query_one(f"#{ident}", Digits).update(f"{value(snapshot):,}")
        self.query_one("#rate", Label).update(
            text("top_rate", self.lang, rate=f"{snapshot.sessions_per_second:.2f}"))
        self.query_one("#closes", Sparkline).data = list(snapshot.closes)
        self.query_one("#owed", Label).update(text(
            "top_owed", self.lang, count=snapshot.owed_count, yen=f"{snapshot.owed_yen:,}"))
        table = self.query_one("#certificates", DataTable)
        table.clear()
        for name, copies in snapshot.certificates:
            table.add_row(name, f"{copies:,}")
        local = snapshot.at.astimezone(JST).strftime("%H:%M:%S")
        self.query_one("#updated", Label).update(text("top_updated", self.lang, at=local))
