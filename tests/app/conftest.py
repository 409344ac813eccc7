"""The kiosk app against the real centre, the in-process card tray and the simulated devices.

`kiosk` builds the app on a private seeded KIOSK_HOME (`demo_home`) with a FixedClock at
DEMO_NOW; `Kiosk` (the `drive` helper) taps, types and waits on `app.wait_settled()` —
never on fixed pauses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot

from backend.clock import FixedClock
from backend.config import Paths
from kiosk.app import build_app
from kiosk.app.app import KioskApp

SIZE = (80, 24)


@dataclass
class Drive:
    """A person at the kiosk (and the clock on the wall)."""

    app: KioskApp
    pilot: Pilot
    clock: FixedClock
    mouse: bool = False       # True: real mouse clicks (slower); False: Button.press()

    @property
    def screen(self) -> str:
        return self.app.screen_id

    async def settle(self) -> None:
        await self.app.wait_settled()

    async def tap(self, selector: str) -> None:
        await self.settle()
        assert self.app.screen.query(selector), f"{selector} not on {self.screen}"
        button = self.app.screen.query_one(selector)
        assert not button.disabled, f"{selector} is disabled on {self.screen}"
        if self.mouse:
            assert await self.pilot.click(selector), f"the click missed {selector}"
        else:
            button.press()
        await self.settle()

    async def quit(self) -> None:
        """終了する, then はい when asked 取り消しますか？ (and 終了 on the 返金 screen)."""
        await self.tap("#quit")
        if self.screen == "confirm_quit":
            await self.tap("#yes")
        if self.screen == "refund":
            await self.tap("#done")

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def place(self, card: str) -> None:
        self.app.terminal.reader.place(card)
        await self.settle()

    async def remove_card(self) -> None:
        self.app.terminal.reader.remove()
        await self.settle()

    async def insert(self, *coins) -> None:
        for coin in coins:
            self.app.terminal.devices.coins.insert(coin)
            await self.settle()

    async def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.app.tick()
        await self.settle()

    async def pin(self, digits: str) -> None:
        await self.keys(*digits)
        await self.tap("#confirm")

    def text(self) -> str:
        """Everything the screen shows, as text."""
        return self.app.visible_text()

    async def to_pin(self, card: str = "izumi-taro", scope: str = "residence") -> None:
        await self.tap("#admin_services")
        await self.tap("#agree")
        await self.tap("#certificate_service")
        assert self.screen == "place_card"
        await self.place(card)
        assert self.screen == "municipality", self.text()
        await self.tap(f"#scope-{scope}")
        assert self.screen == "pin"

    async def to_certificate(self, card: str = "izumi-taro", pin: str = "1234") -> None:
        await self.to_pin(card)
        await self.pin(pin)
        assert self.screen == "remove_card", self.text()
        await self.remove_card()
        assert self.screen == "certificate"


def ledger(paths: Paths) -> dict[str, list]:
    """The centre's own record: coins received, refunds, session states (read-only)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{paths.database_file}")
    try:
        with engine.connect() as db:
            return {
                "payments": [r[0] for r in db.execute(text("select yen from payments order by id"))],
                "refunds": [r[0] for r in db.execute(text("select yen from refunds order by id"))],
                "sessions": [r[0] for r in db.execute(text("select state from sessions"))],
            }
    finally:
        engine.dispose()


@pytest.fixture
def make_kiosk(demo_home: Paths, clock: FixedClock) -> Callable:
    def make(**kwargs) -> KioskApp:
        kwargs.setdefault("audio", False)
        return build_app(demo_home, clock, **kwargs)

    return make


@pytest.fixture
async def kiosk(make_kiosk, clock: FixedClock) -> AsyncIterator[Drive]:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        drive = Drive(app, pilot, clock)
        await drive.settle()
        yield drive
