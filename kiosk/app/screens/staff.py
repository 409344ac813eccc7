"""Staff only (hidden keys): the demo card tray (F9) and the staff panel (F12).

The card tray lists the demo cards in `paths.card_tray` and puts one on the reader or takes
it off. The staff panel switches printer faults, moves the kiosk on to its next language
(日本語 → English → 中文), and shuts the terminal down.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kiosk.app.messages import (CardPlaced, CardTaken, CardTrayWanted, LanguageSwitched,
                                PrinterFaultSet, ShutdownWanted)
from kiosk.app.widgets import TapButton
from kiosk.catalogue import text
from kiosk.terminal.view import View

ID_SAFE = re.compile(r"[A-Za-z0-9_-]+")     # what may follow "card-" in a widget id


def card_label(name: str) -> str:
    """The card's name and, for the demo's own cards, the PIN its holder remembers."""
    from backend import demo_data

    try:
        return f"{name}  (PIN {demo_data.pin(name)})"
    except KeyError:
        return name


class TrayCard(TapButton):
    """One card file in the tray, named as it is (its label is plain text, never markup);
    its id is `card-NAME` where NAME can be part of an id (`#card-izumi-taro`) and is not the
    take-the-card button's (`#card-remove`)."""

    def __init__(self, name: str, placed: bool) -> None:
        fits = ID_SAFE.fullmatch(name) and name != "remove"
        super().__init__(Content(card_label(name)), compact=True, classes="tray-card",
                         id=f"card-{name}" if fits else None,
                         variant="primary" if placed else "default")
        self.card_name = name


class CardTrayScreen(ModalScreen[None]):
    SCREEN_ID = "card_tray"
    BINDINGS = [("escape", "dismiss_tray", ""),
                Binding("down", "app.focus_next", show=False, priority=True),
                Binding("up", "app.focus_previous", show=False, priority=True)]

    def __init__(self, view: View, tray: Path) -> None:
        super().__init__()
        self._lang, self._placed, self._tray = view.lang, view.card_on_reader, tray

    def compose(self) -> ComposeResult:
        # Listed here, on the UI thread: a directory of a few dozen names reads in well under
        # a millisecond, far less than composing their buttons. Only an in-process reader
        # opens the tray, and it has already loaded the card images' module.
        from backend.jpki.card_image import card_names

        lang, placed = self._lang, self._placed
        with Vertical(id="panel"):
            yield Label(text("card_tray_title", lang), classes="panel-title")
            yield Label(text("card_on_reader", lang, name=placed) if placed
                        else text("card_reader_empty", lang), id="on-reader", markup=False)
            with Grid(classes="panel-actions"):
                yield TapButton(text("card_remove", lang), id="card-remove", compact=True)
                yield TapButton(text("staff_close", lang), id="close", compact=True)
            with VerticalScroll(id="tray", can_focus=False):
                for name in card_names(self._tray):
                    yield TrayCard(name, placed=name == placed)

    @on(Button.Pressed, ".tray-card")
    def place_card(self, event: Button.Pressed) -> None:
        assert isinstance(event.button, TrayCard)
        # Posted to the app, which outlives this panel; the flow may move on as soon as the
        # card is down.
        self.app.post_message(CardPlaced(event.button.card_name))
        self.dismiss()

    @on(Button.Pressed, "#card-remove")
    def take_card(self) -> None:
        self.app.post_message(CardTaken())
        self.dismiss()

    @on(Button.Pressed, "#close")
    def action_dismiss_tray(self) -> None:
        self.dismiss()


class StaffScreen(ModalScreen[None]):
    SCREEN_ID = "staff"
    BINDINGS = [("escape", "close", ""), ("q", "shutdown", "")]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._lang = lang

    def compose(self) -> ComposeResult:
        lang = self._lang
        with Vertical(id="panel"):
            yield Label(text("staff_title", lang), classes="panel-title")
            with Grid(classes="panel-actions"):
                yield TapButton(text("staff_card_tray", lang), id="staff-card-tray", compact=True)
                yield TapButton(text("staff_fault_none", lang), id="fault-none", compact=True)
                yield TapButton(text("staff_fault_paper_out", lang), id="fault-paper_out", compact=True)
                yield TapButton(text("staff_fault_jam", lang), id="fault-jam", compact=True)
                yield TapButton(text("staff_lang", lang), id="staff-lang", compact=True)
                yield TapButton(text("staff_close", lang), id="close", compact=True)
                yield TapButton(text("staff_quit", lang), id="shutdown", variant="error", compact=True)

    def _then(self, message: Message) -> None:
        """Close the panel and tell the app (which outlives it) what staff chose."""
        self.app.post_message(message)
        self.dismiss()

    @on(Button.Pressed, "#staff-card-tray")
    def card_tray(self) -> None:
        self._then(CardTrayWanted())

    @on(Button.Pressed, "#fault-none, #fault-paper_out, #fault-jam")
    def fault(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("fault-")
        # A fault switched on here is there now: the kiosk pauses (休止) until it is cleared.
        self._then(PrinterFaultSet(None if name == "none" else name))

    @on(Button.Pressed, "#staff-lang")
    def switch_language(self) -> None:
        self._then(LanguageSwitched())

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#shutdown")
    def action_shutdown(self) -> None:
        self._then(ShutdownWanted())
