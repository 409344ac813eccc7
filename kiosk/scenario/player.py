"""Play a scenario's steps on a running kiosk app, as a person would.

Taps are mouse clicks on the button a person sees (found by its visible label or `#id`),
posted to the app as a terminal posts them; cards go on and off the card reader; coins drop
into the coin vendor's slot (autoplay taps the on-screen coins instead, for the audience);
printouts and change are taken from the trays. After every step the player waits until the
app is settled (no job under way, the screen shown is the flow's state) — never a fixed pause.

The kiosk's own hooks on the app (settling, the flow, the devices) are used in one section
at the end of `Player`; the rest goes through Textual's public API.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, assert_never

from backend.pin_reset import reserve_pin_reset
from kiosk.scenario.checks import Seen, card_signing_tries_left, card_tries_left, check, words
from kiosk.scenario.harness import WatchedCoins
from kiosk.scenario.steps import (Coin, Copies, Expect, ExpectStep, Insert, Pin, PlaceCard,
                                  Press, RemoveCard, ReservePinReset, Restart, Step, Take,
                                  TakeItem, Tap, Type, Wait)

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.pilot import Pilot
    from textual.widget import Widget

    from backend.clock import AdvancingClock
    from backend.config import Paths
    from kiosk.app.app import KioskApp

SETTLE_SECONDS = 15.0
BeforeTap = Callable[["Widget"], Awaitable[None]]


class StepFailed(Exception):
    """The step could not be done, or an expectation did not hold (one line, for people)."""


@dataclass
class Player:
    """Plays steps on one running kiosk app, as the person at the terminal would."""

    app: KioskApp
    pilot: Pilot
    clock: AdvancingClock
    paths: Paths
    printed_dir: Path                                # copies of every PDF the printer made
    before_tap: BeforeTap | None = None              # autoplay: highlight, pause
    coins_on_screen: bool = False                    # autoplay: tap the on-screen coins
    last_card: str | None = None
    fee: int | None = None                           # last total seen (the session may be over)
    _pdfs: list[Path] = field(default_factory=list)
    _shown_text: str | None = None

    # -- one step
    async def do(self, step: Step) -> None:
        """Do `step`, then wait until the kiosk has settled (taps and coins: after each)."""
        self._shown_text = None
        match step:
            case Tap(target):
                await self.tap(target)
            case Pin(digits):
                await self.keypad(digits)
                await self.tap("#confirm")
            case Copies(count):
                await self.keypad(str(count))
            case Insert(coins):
                await self.insert(coins)
            case Press(key):
                await self.pilot.press(key)
                await self.settle()
            case Type(chars):
                for char in chars:
                    await self.pilot.press("space" if char in " \u3000" else char)
                await self.settle()
            case ReservePinReset(card):
                self._reserve_pin_reset(card)
                await self.settle()
            case PlaceCard(card):
                self.last_card = card
                self._place_card(card)
                await self.settle()       # (which ticks: the kiosk senses the card now)
            case RemoveCard():
                self._remove_card()
                await self.settle()
            case Take(item):
                self.take(item)
                await self.settle()
            case Wait(seconds):
                self.clock.advance(seconds)
                await self.settle()       # (which ticks: the kiosk sees the clock now)
            case ExpectStep(expect):
                await self.settle()
                problems = check(expect, self.seen(expect))
                if problems:
                    raise StepFailed("; ".join(problems) + f" — the screen '{self.screen_id()}' "
                                     f"shows: {self.shown()}")
            case Restart():               # the play loop restarts the app, not its player
                raise StepFailed("cannot restart the kiosk from within a session")
            case _:
                assert_never(step)

    def take(self, item: TakeItem) -> None:
        """Take what lies in a tray, or the card off the reader."""
        match item:
            case TakeItem.CARD:
                self._remove_card()
            case TakeItem.CERTIFICATES | TakeItem.RECEIPT:
                self._take_printouts()
            case TakeItem.CHANGE:
                self._coins().take_change()
            case _:
                assert_never(item)

    # -- observing
    async def settle(self) -> None:
        try:
            await self._wait_settled()              # every message so far is handled
            # What the periodic tick would show a moment later (e.g. a reminder for the money
            # a closing job just returned), shown now rather than after a real-time wait.
            if not self._tick():                    # the tick changed something: wait for it too
                await self._wait_settled()
        except TimeoutError as exc:
            raise StepFailed(f"the kiosk did not settle within {SETTLE_SECONDS:g}s ({exc})") from None
        self._observe()

    def _observe(self) -> None:
        self._shown_text = None                      # settled anew: read the screen again
        state, total = self._session()
        if state == "terms":
            self.fee = None                          # a new session begins
        if total is not None:
            self.fee = total
        # what lies in the tray now (taken pages stay in the directory: not looked at again)
        for pdf in sorted(self._printer_tray()):
            copy = self.printed_dir / pdf.name
            if not copy.exists():
                self.printed_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy2(pdf, copy)
                self._pdfs.append(copy)

    def visible_text(self) -> str:
        """What the terminal shows right now, line by line (read once per settled screen:
        the expectations and the transcript look at the same picture)."""
        if self._shown_text is None:
            self._shown_text = self._read_screen()
        return self._shown_text

    def shown(self, limit: int = 300) -> str:
        """The screen's words on one line, without the buttons' drawn edges (for messages)."""
        return words(self.visible_text(), limit)

    def seen(self, expect: Expect) -> Seen:
        """What `expect` is checked against; the card is asked only if `expect` needs it."""
        coins = self._coins()
        certificates = [p for p in self._pdfs if p.name.startswith("certificate")]
        tries: int | str | None = None
        if expect.pin_tries_left is not None:
            tries = ("no card placed yet" if self.last_card is None
                     else card_tries_left(self.paths, self.last_card))
        signing: int | str | None = None
        if expect.signing_pin_tries_left is not None:
            signing = ("no card placed yet" if self.last_card is None
                       else card_signing_tries_left(self.paths, self.last_card))
        in_tray = sum(1 for p in self._printer_tray() if p.name.startswith("certificate"))
        return Seen(self.screen_id(), self.visible_text(), fee=self.fee, change=coins.change_yen,
                    refund=coins.refund_yen, printed=in_tray,
                    certificate=certificates[-1] if certificates else None, pin_tries_left=tries,
                    signing_pin_tries_left=signing)

    # -- acting
    def _buttons(self) -> list[Widget]:
        from textual.widgets import Button, Checkbox, RadioButton

        return [w for w in self.app.screen.walk_children()
                if isinstance(w, (Button, Checkbox, RadioButton))]

    def tappables(self) -> list[Widget]:
        return [w for w in self._buttons() if _displayed(w)]

    def find(self, target: str) -> Widget:
        buttons = self._buttons()      # matched first, then looked at for being on screen
        if target.startswith("#"):
            found = [w for w in buttons if w.id == target[1:] and _displayed(w)]
            if not found:
                raise StepFailed(f"no button {target} on screen '{self.screen_id()}' "
                                 f"(buttons: {self._labels(self.tappables())})")
            return found[0]
        wanted = " ".join(target.split())
        labels = [(w, " ".join(_label(w).split())) for w in buttons]
        for matches in (
            [w for w, text in labels if text == wanted],
            [w for w, text in labels if text.startswith(wanted + " ")],
            [w for w, text in labels if wanted in text],
        ):
            matches = [w for w in matches if _displayed(w)]
            enabled = [w for w in matches if not w.disabled]
            if len(enabled) == 1 or (len(matches) == 1):
                return (enabled or matches)[0]
            if len(enabled) > 1:
                ids = ", ".join(f"#{w.id}" for w in enabled)
                raise StepFailed(f"'{target}' matches several buttons ({ids}): tap one by #id")
        raise StepFailed(f"no button '{target}' on screen '{self.screen_id()}' "
                         f"(buttons: {self._labels(self.tappables())})")

    @staticmethod
    def _labels(widgets: list[Widget]) -> str:
        return ", ".join(f"{_label(w)!r}" for w in widgets if not w.disabled) or "none"

    async def tap(self, target: str) -> None:
        widget = self.find(target)
        if widget.disabled:
            raise StepFailed(f"button '{target}' is disabled on screen '{self.screen_id()}'")
        if not _within(widget, self.app.screen):
            widget.scroll_visible(animate=False, immediate=True)
            await self.pilot.pause(0)
        if self.before_tap is not None:
            await self.before_tap(widget)
        await self._until_released(widget)
        if not self._click(widget):
            raise StepFailed(f"button '{target}' is covered by something else")
        await self.settle()

    def _click(self, widget: Widget) -> bool:
        """Mouse down and up in the middle of the widget, posted to the app as a terminal's
        driver posts them: the app forwards them to the screen and makes the click itself.
        False (and nothing posted) when something else lies over that point. `settle` then
        waits until the app has handled them."""
        from textual.errors import NoWidget
        from textual.events import MouseDown, MouseUp

        region = widget.region
        x, y = region.x + region.width // 2, region.y + region.height // 2
        try:
            under, _ = self.app.get_widget_at(x, y)
        except NoWidget:                             # off the screen
            return False
        if under is not widget:
            return False
        self._shown_text = None
        for event in (MouseDown, MouseUp):
            self.app.post_message(event(None, x, y, 0, 0, 1, False, False, False,
                                        screen_x=x, screen_y=y))
        return True

    async def _until_released(self, widget: Widget) -> None:
        """A button ignores a second press while it still shows the first (`-active`, a
        fraction of a second): wait for it to come up again, as a finger would. Only where
        frames are painted (autoplay): headless runs give buttons no pressed look."""
        deadline = time.monotonic() + 2.0
        while widget.has_class("-active") and time.monotonic() < deadline:
            await self.pilot.pause(0.01)

    async def keypad(self, digits: str) -> None:
        if not self.app.screen.query("#keypad"):
            raise StepFailed(f"no keypad on screen '{self.screen_id()}'")
        for digit in digits:
            await self.tap(f"#key-{digit}")

    async def insert(self, coins: tuple[Coin, ...]) -> None:
        """Coins go into the vendor's slot, one after the other. With `coins_on_screen`
        (autoplay) the on-screen coin buttons are tapped instead, so the audience sees them."""
        for coin in coins:
            if self.coins_on_screen and any(w.id == f"coin-{coin}" for w in self.tappables()):
                await self.tap(f"#coin-{coin}")
            else:
                self._coins().insert(coin)
                await self.settle()

    # -- the kiosk's own hooks on its app: every use of them is here
    async def _wait_settled(self) -> None:
        await self.app.wait_settled(SETTLE_SECONDS)

    def _tick(self) -> bool:
        """Tick now; True if the kiosk is still settled after it."""
        self.app.tick()
        return self.app.settled

    def screen_id(self) -> str:
        return self.app.screen_id

    def _read_screen(self) -> str:
        return self.app.visible_text()

    def _session(self) -> tuple[str, int | None]:
        """The flow's state, and the total once a fee was quoted."""
        flow = self.app.terminal.flow
        return flow.state.value, flow.context.total_yen if flow.context.quote else None

    def _printer_tray(self) -> tuple[Path, ...]:
        return self.app.terminal.devices.printer.tray

    def _take_printouts(self) -> None:
        self.app.terminal.devices.printer.take()

    def _coins(self) -> WatchedCoins:
        """The coin vendor with the return-tray sensor that `make_app` fits."""
        coins = self.app.terminal.devices.coins
        if not isinstance(coins, WatchedCoins):
            raise TypeError("the app's coin vendor is not watched: build the app with make_app")
        return coins

    def _place_card(self, card: str) -> None:
        self.app.terminal.reader.place(card)

    def _reserve_pin_reset(self, card: str) -> None:
        """The smartphone app's reservation, made in the centre at the scenario's clock."""
        reserve_pin_reset(self.paths, card, self.clock.now())

    def _remove_card(self) -> None:
        self.app.terminal.reader.remove()

    def card_on_reader(self) -> str | None:
        return self.app.terminal.reader.placed_name

    def put_back(self, card: str) -> None:
        """The card lies on the reader already (the kiosk restarted around it)."""
        self._place_card(card)
        self.last_card = card

    def last_error(self) -> BaseException | None:
        """The last unexpected failure the kiosk reported (shown as SYSTEM_ERROR)."""
        return self.app.terminal.errors[-1] if self.app.terminal.errors else None


def _label(widget: Widget) -> str:
    label = getattr(widget, "label", "")
    return getattr(label, "plain", str(label))


def _displayed(widget: Widget) -> bool:
    node: DOMNode | None = widget
    while node is not None and hasattr(node, "display"):
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


def _within(widget: Widget, screen: Widget) -> bool:
    region = widget.region
    return bool(region.area) and screen.region.contains_region(region)
