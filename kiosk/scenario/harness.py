"""A kiosk made for a scenario: its demo data, its clock, its app and a sensor on the coin tray.

The demo data is seeded once into a template KIOSK_HOME (`seeded_template`); each scenario
plays on its own copy (`fresh_home`), always on the SQLite file inside it. Against a remote
centre the template holds only the kiosk's credential and card tray (`remote_template`). `make_app` builds
the kiosk exactly as `kiosk run` does, with the scenario's faults switched on and the coin
vendor watched (`WatchedCoins`), so that expectations can tell change from refund.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.scenario.model import Scenario

if TYPE_CHECKING:
    from backend.clock import AdvancingClock
    from backend.config import Paths
    from backend.reasons import Reason
    from kiosk.app.app import KioskApp
    from kiosk.devices.coins import Coin, CoinOutcome, CoinVendor


# --- the demo data ----------------------------------------------------------------------


def demo_names() -> tuple[set[str], set[str]]:
    """The seeded vocabulary scenarios may use: card names and kiosk ids."""
    from backend import demo_data

    return ({c.card_name for _, _, c in demo_data.cards()},
            {k.kiosk_id for k in demo_data.KIOSKS})


@contextmanager
def seeded_template() -> Iterator[Path]:
    """A KIOSK_HOME with the demo seeded once (at the demo's reference instant)."""
    from backend import demo_data
    from backend.clock import FixedClock
    from backend.config import Paths
    from backend.seed import seed_demo

    with tempfile.TemporaryDirectory(prefix="kiosk-scenario-template-") as tmp:
        paths = Paths(Path(tmp) / "home").ensure()
        seed_demo(paths, FixedClock(demo_data.DEMO_NOW), database_url=sqlite_url(paths))
        yield paths.home


@contextmanager
def remote_template(kiosk_home: Path) -> Iterator[Path]:
    """For a remote centre (`--centre`): a kiosk home with only what a kiosk keeps, copied from
    `kiosk_home` — its credential and its card tray (`kiosk admin export-cards`)."""
    from backend.config import Paths
    from backend.kiosk_ca import CredentialFiles

    source = Paths(kiosk_home)
    with tempfile.TemporaryDirectory(prefix="kiosk-scenario-template-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        shutil.copytree(CredentialFiles.in_home(source.home).directory,
                        CredentialFiles.in_home(home).directory)
        shutil.copytree(source.card_tray, Paths(home).card_tray)
        yield home


def sqlite_url(paths: Paths) -> str:
    """Scenarios always run on the SQLite file inside their own copy of KIOSK_HOME."""
    return f"sqlite:///{paths.database_file}"


@contextmanager
def fresh_home(template: Path) -> Iterator[Path]:
    """A throwaway copy of `template` (database, card tray, keys) for one scenario."""
    with tempfile.TemporaryDirectory(prefix="kiosk-scenario-") as tmp:
        home = Path(tmp) / "home"
        shutil.copytree(template, home)
        yield home


# --- the kiosk --------------------------------------------------------------------------


def make_clock(scenario: Scenario) -> AdvancingClock:
    from backend.clock import AdvancingClock
    from backend.demo_data import DEMO_NOW

    return AdvancingClock(scenario.clock or DEMO_NOW)


def make_app(scenario: Scenario, paths: Paths, clock: Any, centres: tuple[str, ...] = (),
             **kw: Any) -> KioskApp:
    """The kiosk exactly as `kiosk run` builds it, with the scenario's faults switched on.
    With `centres` (a remote centre) it is the kiosk its credential names, whatever the
    scenario's `kiosk:` says: one machine is one kiosk."""
    from kiosk.app import build_app

    fault = scenario.printer_fault
    app = build_app(paths, clock, kiosk_id=None if centres else scenario.kiosk, audio=False,
                    printer_fault=fault.kind if fault else None,
                    printer_fault_after=fault.after if fault else 0,
                    database_url=None if centres else sqlite_url(paths), centres=centres, **kw)
    app.terminal.devices.coins = WatchedCoins(app.terminal.devices.coins, jammed=scenario.coin_fault == "jam")
    return app


class WatchedCoins:
    """The coin vendor with a sensor on its return tray: how much of what lies there is
    change and how much is refund. `jammed` (scenario `coin_fault: jam`): the slot never
    opens, so every coin comes straight back. Everything else is the vendor's own."""

    def __init__(self, inner: CoinVendor, *, jammed: bool = False) -> None:
        self.inner = inner
        self.jammed = jammed
        self.change_yen = 0
        self.refund_yen = 0

    # -- watched
    def open(self, due_yen: int) -> None:
        if not self.jammed:
            self.inner.open(due_yen)

    def settle(self, change_yen: int) -> None:
        self.inner.settle(change_yen)
        self.change_yen += change_yen

    def refund(self, yen: int) -> None:
        self.inner.refund(yen)
        self.refund_yen += yen

    def pay_out(self, yen: int) -> None:
        self.inner.pay_out(yen)
        self.refund_yen += yen

    def take_change(self) -> list[Coin]:
        self.change_yen = self.refund_yen = 0
        return self.inner.take_change()

    # -- the vendor's own
    @property
    def fault(self) -> Reason | None:
        return self.inner.fault

    @fault.setter
    def fault(self, fault: Reason | None) -> None:
        self.inner.fault = fault

    def set_fault(self, fault: Reason | None) -> None:
        self.inner.set_fault(fault)

    def refill(self) -> None:
        self.inner.refill()

    @property
    def stock(self) -> dict[int, int]:
        return self.inner.stock

    def close(self) -> None:
        self.inner.close()

    def insert(self, coin: Coin) -> CoinOutcome:
        return self.inner.insert(coin)

    def subscribe(self, listener: Callable[[CoinOutcome], object]) -> None:
        self.inner.subscribe(listener)

    @property
    def inserted_yen(self) -> int:
        return self.inner.inserted_yen

    @property
    def change_tray(self) -> tuple[Coin, ...]:
        return self.inner.change_tray

    @property
    def accepting(self) -> bool:
        return self.inner.accepting
