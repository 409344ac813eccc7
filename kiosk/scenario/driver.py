"""Play a scenario's steps on a running kiosk app, as a person would.

Taps are mouse clicks on the button a person sees (found by its visible label or `#id`);
cards go on and off the card reader; coins drop into the coin vendor's slot (autoplay taps
the on-screen coins instead, for the audience); printouts and change are taken from the
trays. After every step the player waits until the app is settled (no job under way,
the screen shown is the flow's state) — never a fixed pause.

`play_headless` runs a whole scenario under `App.run_test()`; autoplay uses the same `Player`
on the real terminal, with a hook that highlights each button before it is pressed.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.scenario.model import Expect, Scenario, Step
from kiosk.scenario.transcript import StepRecord, Transcript

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.pilot import Pilot
    from textual.widget import Widget

    from backend.clock import AdvancingClock
    from backend.config import Paths
    from kiosk.app.app import KioskApp

SETTLE_SECONDS = 15.0
# Steps made of taps or coins, each of which the player settles on its own: the step is
# settled when its last one is.
_SETTLED_BY_EACH_PRESS = frozenset({"tap", "pin", "copies", "insert"})
BeforeTap = Callable[["Widget"], Awaitable[None]]


class StepFailed(Exception):
    """The step could not be done, or an expectation did not hold (one line, for people)."""


@dataclass
class Outcome:
    passed: bool
    message: str = ""
    steps_run: int = 0


# --- the devices, watched ---------------------------------------------------------------


class WatchedCoins:
    """The coin vendor with a sensor on its return tray: how much of what lies there is
    change and how much is refund. `jammed` (scenario `coin_fault: jam`): the slot never
    opens, so every coin comes straight back."""

    def __init__(self, inner: Any, *, jammed: bool = False) -> None:
        self.inner = inner
        self.jammed = jammed
        self.change_yen = 0
        self.refund_yen = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

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

    def take_change(self) -> list:
        self.change_yen = self.refund_yen = 0
        return self.inner.take_change()


def pdf_text(path: Path) -> str:
    """The text of a printed PDF, page after page, read in-process by PDFium (the engine of
    Chrome's viewer) in reading order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


_DRAWING = r"[\u2500-\u259f▔▁▕▏]+"   # box drawing and block elements: borders, not words


def _squash(text: str) -> str:
    """Compare text regardless of line wrapping, padding and box-drawing borders."""
    return re.sub(rf"\s+|{_DRAWING}", "", text)


def card_tries_left(paths: Paths, card_name: str) -> int:
    """Ask the card itself (on a second, private reader) how many PIN tries it has left."""
    from kiosk.card.auth import read_card
    from kiosk.card.virtual.inprocess import InProcessReader

    reader = InProcessReader(paths.card_tray)
    reader.place(card_name)
    try:
        return read_card(reader.connect()).pin_tries_left
    finally:
        reader.remove()


# --- the player -------------------------------------------------------------------------


@dataclass
class Player:
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

    # -- observing
    async def settle(self) -> None:
        try:
            await self.app.wait_settled(SETTLE_SECONDS)   # every message so far is handled
            # What the periodic tick would show a moment later (e.g. a reminder for the money
            # a closing job just returned), shown now rather than after a real-time wait.
            self.app.tick()
            if not self.app.settled:            # the tick changed something: wait for it too
                await self.app.wait_settled(SETTLE_SECONDS)
        except TimeoutError as exc:
            raise StepFailed(f"the kiosk did not settle within {SETTLE_SECONDS:g}s ({exc})") from None
        self._observe()

    def _observe(self) -> None:
        self._shown_text = None                      # settled anew: read the screen again
        state, ctx = self.app.terminal.flow.state, self.app.terminal.flow.context
        if state.value == "terms":
            self.fee = None                          # a new session begins
        if ctx.quote is not None:
            self.fee = ctx.total_yen
        # what lies in the tray now (taken pages stay in the directory: not looked at again)
        for pdf in sorted(self.app.terminal.devices.printer.tray):
            copy = self.printed_dir / pdf.name
            if not copy.exists():
                self.printed_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy2(pdf, copy)
                self._pdfs.append(copy)

    def screen_id(self) -> str:
        return self.app.screen_id

    def visible_text(self) -> str:
        """What the terminal shows right now, line by line (read once per settled screen:
        the expectations and the transcript look at the same picture)."""
        if self._shown_text is None:
            self._shown_text = self.app.visible_text()
        return self._shown_text

    def shown(self, limit: int = 300) -> str:
        """The screen's words on one line, without the buttons' drawn edges (for messages)."""
        text = " ".join(re.sub(_DRAWING, " ", self.visible_text()).split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

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
        if not await self._click(widget):
            raise StepFailed(f"button '{target}' is covered by something else")
        await self.settle()

    async def _click(self, widget: Widget) -> bool:
        """Mouse down, up and click in the middle of the widget, as `Pilot.click` does, but
        waiting for the app to process the events rather than for the CPU to go idle."""
        from textual.events import Click, MouseDown, MouseUp
        from textual.geometry import Offset
        from textual.pilot import _get_mouse_message_arguments

        size = widget.region.size
        args = _get_mouse_message_arguments(widget, (size.width // 2, size.height // 2), button=1)
        at = Offset(args["x"], args["y"])
        screen = self.app.screen
        if at not in screen.region:
            return False
        under, _ = self.app.get_widget_at(*at)
        self._shown_text = None
        # The three go to the widget's queue in order; `settle` waits for them to be handled.
        for event in (MouseDown, MouseUp, Click):
            self.app.mouse_position = at
            screen._forward_event(event(**args, chain=1) if event is Click else event(**args))
        return under is widget

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

    async def insert(self, coins: tuple[int | str, ...]) -> None:
        """Coins go into the vendor's slot, one after the other. With `coins_on_screen`
        (autoplay) the on-screen coin buttons are tapped instead, so the audience sees them."""
        for coin in coins:
            if self.coins_on_screen and any(w.id == f"coin-{coin}" for w in self.tappables()):
                await self.tap(f"#coin-{coin}")
            else:
                self.app.terminal.devices.coins.insert(coin)
                await self.settle()

    # -- one step
    async def do(self, step: Step) -> None:
        action, value = step.action, step.value
        self._shown_text = None
        if action == "tap":
            await self.tap(value)
        elif action == "press":
            await self.pilot.press(value)
        elif action == "place_card":
            self.last_card = value
            self.app.terminal.reader.place(value)
        elif action == "remove_card" or (action == "take" and value == "card"):
            self.app.terminal.reader.remove()
        elif action == "pin":
            await self.keypad(value)
            await self.tap("#confirm")
        elif action == "copies":
            await self.keypad(str(value))
        elif action == "insert":
            await self.insert(value)
        elif action == "take" and value in ("certificates", "receipt"):
            self.app.terminal.devices.printer.take()
        elif action == "take" and value == "change":
            self.app.terminal.devices.coins.take_change()
        elif action == "wait":
            self.clock.advance(value)
        elif action == "expect":
            await self.settle()
            problems = self.check(value)
            if problems:
                raise StepFailed("; ".join(problems) + f" — the screen '{self.screen_id()}' "
                                 f"shows: {self.shown()}")
            return
        else:  # pragma: no cover - the model knows every action
            raise StepFailed(f"cannot do {action!r} here")
        if action not in _SETTLED_BY_EACH_PRESS:
            await self.settle()  # (which ticks: the kiosk senses devices and clock now)

    # -- expectations
    def check(self, expect: Expect) -> list[str]:
        problems: list[str] = []
        if expect.screen is not None and self.screen_id() != expect.screen:
            problems.append(f"expected screen '{expect.screen}', got '{self.screen_id()}'")
        shown = self.visible_text()
        for text in expect.text:
            if text not in shown and _squash(text) not in _squash(shown):
                problems.append(f"expected text {text!r} on screen")
        for text in expect.text_lacks:
            if _squash(text) in _squash(shown):
                problems.append(f"did not expect text {text!r} on screen")
        for name, want, got in (
            ("fee", expect.fee, lambda: self.fee),
            ("change", expect.change, lambda: self._coins().change_yen),
            ("refund", expect.refund, lambda: self._coins().refund_yen),
            ("printed", expect.printed, self._in_tray),
            ("pin_tries_left", expect.pin_tries_left, self._tries_left),
        ):
            if want is not None:
                have = got()
                if have != want:
                    problems.append(f"expected {name} {want}, got {have}")
        if expect.pdf_text or expect.pdf_lacks:
            problems += self._check_pdf(expect)
        return problems

    def _coins(self) -> WatchedCoins:
        """The coin vendor with the return-tray sensor that `make_app` fits."""
        coins = self.app.terminal.devices.coins
        if not isinstance(coins, WatchedCoins):
            raise TypeError("the app's coin vendor is not watched: build the app with make_app")
        return coins

    def _in_tray(self) -> int:
        return sum(1 for p in self.app.terminal.devices.printer.tray if p.name.startswith("certificate"))

    def _tries_left(self) -> int | str:
        if self.last_card is None:
            return "no card placed yet"
        return card_tries_left(self.paths, self.last_card)

    def _check_pdf(self, expect: Expect) -> list[str]:
        certificates = [p for p in self._pdfs if p.name.startswith("certificate")]
        if not certificates:
            return ["expected a printed certificate, none was printed"]
        last = certificates[-1]
        text = _squash(pdf_text(last))
        problems = [f"expected {t!r} in {last.name}" for t in expect.pdf_text if _squash(t) not in text]
        problems += [f"did not expect {t!r} in {last.name}" for t in expect.pdf_lacks
                     if _squash(t) in text]
        return problems


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


# --- a whole scenario, headless ---------------------------------------------------------


def make_clock(scenario: Scenario) -> AdvancingClock:
    from backend.clock import AdvancingClock
    from backend.demo_data import DEMO_NOW

    return AdvancingClock(scenario.clock or DEMO_NOW)


def make_app(scenario: Scenario, paths: Paths, clock: Any, **kw: Any) -> KioskApp:
    """The kiosk exactly as `kiosk run` builds it, with the scenario's faults switched on."""
    from kiosk.app import build_app
    from kiosk.scenario.runner import sqlite_url

    fault = scenario.printer_fault
    app = build_app(paths, clock, kiosk_id=scenario.kiosk, audio=False,
                    printer_fault=fault.kind if fault else None,
                    printer_fault_after=fault.after if fault else 0,
                    database_url=sqlite_url(paths), **kw)
    app.terminal.devices.coins = WatchedCoins(app.terminal.devices.coins, jammed=scenario.coin_fault == "jam")
    return app


async def play_headless(scenario: Scenario, paths: Paths, transcript: Transcript,
                        size: tuple[int, int] = (100, 30), *, paint_frames: bool = False) -> Outcome:
    """Play a whole scenario on a kiosk under `App.run_test()`. Frames are not painted unless
    `paint_frames` (what the player reads is the same either way)."""
    clock = make_clock(scenario)
    steps = list(scenario.steps)
    done = 0
    card_on_reader: str | None = None
    while True:
        app = make_app(scenario, paths, clock, paint_frames=paint_frames)
        try:
            async with app.run_test(size=size, headless=True) as pilot:
                player = Player(app, pilot, clock, paths, printed_dir=transcript.directory / "printed")
                if card_on_reader:                    # the card stayed where it was
                    app.terminal.reader.place(card_on_reader)
                    player.last_card = card_on_reader
                await player.settle()
                while done < len(steps):
                    step = steps[done]
                    if step.action == "restart":
                        card_on_reader = app.terminal.reader.placed_name
                        _record(transcript, step, player, "ok", 0.0)
                        done += 1
                        break
                    message = await _run_step(player, step, transcript)
                    done += 1
                    if message:
                        return Outcome(False, message, done)
                else:
                    return Outcome(True, "", done)
        except Exception as exc:                      # the app itself broke: say so, one line
            return Outcome(False, f"step {done + 1}: the kiosk app failed: {one_line(exc)}", done)


async def play_sessions(scenario: Scenario, paths: Paths, transcript: Transcript, count: int,
                        size: tuple[int, int] = (100, 30), *, warm_up: int = 0,
                        ready: Callable[[], None] | None = None) -> list[float]:
    """Play `scenario` `warm_up` + `count` times back to back on one running kiosk, as a kiosk
    serves one customer after another (`scripts/bench session`); `ready` is called between
    the warm-up and the counted sessions. The scenario must start and end at the top screen
    and not restart the app. Returns each counted session's wall time in seconds; a failed
    step raises StepFailed with the usual message."""
    if any(step.action == "restart" for step in scenario.steps):
        raise ValueError("a scenario that restarts the kiosk cannot be played back to back")
    clock = make_clock(scenario)
    app = make_app(scenario, paths, clock, paint_frames=False)
    times: list[float] = []
    async with app.run_test(size=size, headless=True) as pilot:
        player = Player(app, pilot, clock, paths, printed_dir=transcript.directory / "printed")
        await player.settle()
        for n in range(warm_up + count):
            if n == warm_up and ready is not None:
                ready()
            started = time.perf_counter()
            for step in scenario.steps:
                message = await _run_step(player, step, transcript)
                if message:
                    raise StepFailed(message)
            if n >= warm_up:
                times.append(time.perf_counter() - started)
    return times


async def _run_step(player: Player, step: Step, transcript: Transcript) -> str:
    """Do one step and record it; a non-empty return is why the scenario failed."""
    started = time.perf_counter()
    outcome, message = "ok", ""
    try:
        await player.do(step)
    except StepFailed as exc:
        outcome, message = "failed", str(exc)
    except Exception as exc:
        outcome, message = "error", f"unexpected {type(exc).__name__}: {one_line(exc)}"
    if player.app.terminal.errors and outcome == "ok":
        outcome, message = "error", f"the kiosk reported an error: {one_line(player.app.terminal.errors[-1])}"
    _record(transcript, step, player, outcome, (time.perf_counter() - started) * 1000, message)
    if outcome == "ok":
        return ""
    return f"step {step.number} (line {step.line}, {step.describe()}): {message}"


def _record(transcript: Transcript, step: Step, player: Player, outcome: str, ms: float,
            message: str = "") -> None:
    try:
        shown = player.visible_text()
    except Exception:                                  # the screen is gone (restart)
        shown = ""
    transcript.add(StepRecord(step, player.screen_id(), shown, outcome, ms,
                              player.clock.now().isoformat(timespec="seconds"), message))


def one_line(exc: BaseException) -> str:
    """The exception's message on one line, at most 300 characters (its type when empty)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"
