"""Staff only (hidden keys): the demo card tray (F9) and the staff panel (F12).

The card tray lists the demo cards in `paths.card_tray` and puts one on the reader or takes
it off. The staff panel switches printer faults, the language, and shuts the terminal down.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kiosk.app.widgets import TapButton
from kiosk.catalogue import text

def card_label(name: str) -> str:
    """The card's name and, for the demo's own cards, the PIN its holder remembers."""
    from backend import demo_data

    try:
        return f"{name}  (PIN {demo_data.pin(name)})"
    except KeyError:
        return name


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
                        else text("card_reader_empty", lang), id="on-reader")
            with Grid(classes="panel-actions"):
                yield TapButton(text("card_remove", lang), id="card-remove", compact=True)
                yield TapButton(text("staff_close", lang), id="close", compact=True)
            with VerticalScroll(id="tray", can_focus=False):
                for name in card_names(app.paths.card_tray):  # type: ignore[attr-defined]
                    yield TapButton(card_label(name), id=f"card-{name}", compact=True,
                                    classes="tray-card",
                                    variant="primary" if name == placed else "default")

    @on(Button.Pressed, ".tray-card")
    def place_card(self, event: Button.Pressed) -> None:
        self.dismiss()     # first: the flow may move on as soon as the card is down
        self.app.reader.place(event.button.id.removeprefix("card-"))  # type: ignore[attr-defined,union-attr]

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
