"""Staff only (hidden keys): the demo card tray (F9) and the staff panel (F12).

The card tray lists the demo cards in `paths.card_tray` and puts one on the reader or takes
it off. The staff panel switches printer faults, the language, and shuts the terminal down.
"""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kiosk.app.widgets import TapButton
from kiosk.card.errors import CardError
from kiosk.catalogue import text

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

    def compose(self) -> ComposeResult:
        # Listed here, on the UI thread: a directory of a few dozen names reads in well under
        # a millisecond, far less than composing their buttons. Only an in-process reader
        # opens the tray, and it has already loaded the card images' module.
        from backend.jpki.card_image import card_names

        app = self.app
        lang = app.lang  # type: ignore[attr-defined]
        placed = getattr(app.reader, "placed_name", None)  # type: ignore[attr-defined]
        with Vertical(id="panel"):
            yield Label(text("card_tray_title", lang), classes="panel-title")
            yield Label(text("card_on_reader", lang, name=placed) if placed
                        else text("card_reader_empty", lang), id="on-reader", markup=False)
            with Grid(classes="panel-actions"):
                yield TapButton(text("card_remove", lang), id="card-remove", compact=True)
                yield TapButton(text("staff_close", lang), id="close", compact=True)
            with VerticalScroll(id="tray", can_focus=False):
                for name in card_names(app.paths.card_tray):  # type: ignore[attr-defined]
                    yield TrayCard(name, placed=name == placed)

    @on(Button.Pressed, ".tray-card")
    def place_card(self, event: Button.Pressed) -> None:
        assert isinstance(event.button, TrayCard)
        name, lang = event.button.card_name, self.app.lang  # type: ignore[attr-defined]
        self.dismiss()     # first: the flow may move on as soon as the card is down
        try:
            self.app.reader.place(name)  # type: ignore[attr-defined]
        except CardError:  # its file went from the tray since it was listed
            self.app.notify(text("card_not_in_tray", lang, name=name), markup=False,
                            severity="warning")

    @on(Button.Pressed, "#card-remove")
    def take_card(self) -> None:
        self.dismiss()
        self.app.reader.remove()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#close")
    def action_dismiss_tray(self) -> None:
        self.dismiss()


class StaffScreen(ModalScreen[None]):
    SCREEN_ID = "staff"
    BINDINGS = [("escape", "close", ""), ("q", "shutdown", "")]

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
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

    @on(Button.Pressed, "#staff-card-tray")
    def card_tray(self) -> None:
        self.dismiss()
        self.app.call_later(self.app.action_card_tray)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#fault-none, #fault-paper_out, #fault-jam")
    def fault(self, event: Button.Pressed) -> None:
        name = event.button.id.removeprefix("fault-")  # type: ignore[union-attr]
        # A fault switched on here is there now: the kiosk pauses (休止) until it is cleared.
        self.app.devices.printer.set_fault(None if name == "none" else name, after=0)  # type: ignore[attr-defined]
        self.dismiss()

    @on(Button.Pressed, "#staff-lang")
    def switch_language(self) -> None:
        self.dismiss()
        self.app.switch_language()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#shutdown")
    def action_shutdown(self) -> None:
        self.app.exit()
