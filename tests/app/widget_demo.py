"""A step's frame around one widget, for the widgets' own tests: a header-like row, a prompt,
the widget, a notice line and an action bar (前画面へ / 終了する), laid out by the kiosk's
stylesheet as the screens are; and what a person does and sees there.

`Demo(widget_factory, lang)` runs headless with `run_test(size=...)`; `Look` taps (a button
must be shown and wholly on screen to be tapped), types and waits until the app has handled
every message and painted (no fixed pauses), and records the messages the widget posts.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Label

import kiosk.app
from kiosk.app.textual_internals import handling, paint_now, screen_text, unpainted
from kiosk.app.widgets import Bilingual, TapButton
from kiosk.catalogue import msg, text
from tests.app.fit import misfits

SIZES = [(80, 24), (120, 40), (200, 60)]
TARGET = (3, 10)          # a finger's target: rows, columns


class Demo(App):
    """The widget under a header and a prompt, above a notice line of two rows (kept, so that
    nothing moves when a notice comes up) and the action bar."""

    CSS_PATH = Path(kiosk.app.__file__).parent / "app.tcss"
    CSS = "#notice { height: 2; }"

    def __init__(self, widget: Callable[[str], Widget], lang: str = "ja",
                 prompt: str = "members_prompt") -> None:
        super().__init__()
        self._widget, self._lang, self._prompt = widget, lang, prompt
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Label(text("title", self._lang), id="title")
        with Vertical(id="body"):
            yield Bilingual(msg(self._prompt), self._lang, classes="prompt")
            yield self._widget(self._lang)
            yield Bilingual(None, self._lang, id="notice", classes="notice")
            with Horizontal(classes="actions"):
                yield TapButton(text("back", self._lang), id="back")
                yield TapButton(text("quit", self._lang), id="quit", variant="error")

    # what the widget says, as a screen hears it
    def _heard(self, message: Message) -> None:
        self.posted.append(message)

    on_kana_keyboard_changed = on_kana_keyboard_submitted = _heard
    on_secret_keyboard_changed = on_secret_keyboard_submitted = _heard
    on_paged_choice_chosen = _heard


def demo_of(widget: Callable[..., Widget], prompt: str) -> Callable[..., Demo]:
    """A maker of demos of `widget(lang, **kwargs)` under `prompt` (a catalogue key)."""
    def demo(lang: str = "ja", **kwargs: object) -> Demo:
        return Demo(lambda lang: widget(lang, **kwargs), lang, prompt=prompt)
    return demo


@dataclass
class Look:
    """A person at the demo step."""

    app: Demo
    pilot: Pilot
    seen: list[str] = field(default_factory=list)

    async def settle(self, timeout: float = 30.0) -> None:
        """Until every message is handled and the screen is painted (as `KioskApp.wait_settled`)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            screen = self.app.screen
            busy = handling(self.app) or any(map(handling, screen.walk_children(with_self=True)))
            if not busy and not unpainted(screen):
                return
            if loop.time() > deadline:
                raise TimeoutError("the demo never settled")
            if not busy:
                paint_now(screen)
            await asyncio.sleep(0)

    def button(self, selector: str) -> Button:
        return self.app.screen.query_one(selector, Button)

    def shown(self, selector: str) -> bool:
        found = self.app.screen.query(selector)
        return bool(found) and all(node.display for node in found.first().ancestors_with_self
                                   if isinstance(node, Widget))

    async def tap(self, selector: str) -> None:
        """A finger on the button: it must be on this page, whole, big enough and enabled."""
        await self.settle()
        button = self.button(selector)
        assert self.shown(selector), f"{selector} is not on this page"
        region = self.app.screen.find_widget(button).region
        assert self.app.screen.region.contains_region(region), f"{selector} is off screen"
        assert region.height >= TARGET[0] and region.width >= TARGET[1], f"{selector}: {region}"
        assert not button.disabled, f"{selector} is disabled"
        button.press()
        await self.settle()

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    def text(self) -> str:
        return screen_text(self.app.screen)

    def values(self, kind: type[Message], attribute: str) -> list:
        """What the widget's messages of `kind` carried, in order."""
        return [getattr(m, attribute) for m in self.app.posted if isinstance(m, kind)]


def small_targets(look: Look) -> list[str]:
    """Every button shown that is smaller than a finger (3 rows × 10 columns)."""
    screen = look.app.screen
    found = []
    for button in screen.query(Button):
        if all(node.display for node in button.ancestors_with_self if isinstance(node, Widget)):
            region = screen.find_widget(button).region
            if region.height < TARGET[0] or region.width < TARGET[1]:
                found.append(f"Button#{button.id} {str(button.label)!r}: {region.width}×"
                             f"{region.height}")
    return found


def problems(look: Look) -> list[str]:
    """What does not fit (tests/app/fit.py) and every target too small for a finger."""
    return misfits(look.app.screen) + small_targets(look)


def regions(look: Look, selector: str) -> dict[str, object]:
    """Where each button under `selector` is now (shown ones only)."""
    return {b.id: look.app.screen.find_widget(b).region for b in look.app.screen.query(selector)
            if look.shown(f"#{b.id}")}


SVG_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


def svg_text(svg: str) -> str:
    """The text an SVG screenshot shows: what its text elements hold (not its styles)."""
    return "".join(html.unescape(run) for run in SVG_TEXT.findall(svg))


@dataclass
class Page:
    """What one page showed: its buttons, where each stood, and what did not fit."""

    buttons: dict[str, object]
    problems: list[str]


async def tour(look: Look) -> list[Page]:
    """Every page from the first, turned with 次へ (tapped as a finger would) until it is
    disabled or hidden (one page)."""
    pages = []
    while True:
        await look.settle()
        pages.append(Page(regions(look, "Button"), problems(look)))
        if not look.shown("#page-next") or look.button("#page-next").disabled:
            return pages
        assert len(pages) < 50, "次へ never ends"
        await look.tap("#page-next")


async def tour_fits(look: Look, staying: tuple[str, ...]) -> list[Page]:
    """`tour`, asserting that every page fits and that the buttons `staying` (ids) stand in the
    same place on every page."""
    pages = await tour(look)
    found = [f"page {n + 1}: {problem}" for n, page in enumerate(pages) for problem in page.problems]
    assert not found, "\n".join(found)
    where = [{key: page.buttons.get(key) for key in staying} for page in pages]
    assert all(w == where[0] for w in where), "a key moved as the page turned"
    return pages


async def toured(app: Demo, size: tuple[int, int], staying: tuple[str, ...]) -> tuple[set[str], str]:
    """`tour_fits` of `app` at `size`: the buttons shown on some page, and the last page's text."""
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        pages = await tour_fits(look, staying)
        return set().union(*(page.buttons for page in pages)), look.text()
