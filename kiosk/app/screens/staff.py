"""Staff only (hidden keys): the demo card tray (F9) and the staff panel (F12).

The card tray lists the demo cards in `paths.card_tray` and puts one on the reader or takes
it off. The staff panel switches printer faults, moves the kiosk on to its next language
(日本語 → English → 中文), and shuts the terminal down.
"""

from __future__ import annotations

import re
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kiosk.app.messages import (CardPlaced, CardTaken, CardTrayWanted, CoinFaultCleared,
                                CoinsRefilled, ItemsTaken, LanguageSwitched, PrinterFaultSet,
                                ShutdownWanted)
from kiosk.app.widgets import TapButton
from kiosk.catalogue import TEXTS, reason_message, text
from kiosk.terminal.view import StaffStatus, View

ID_SAFE = re.compile(r"[A-Za-z0-9_-]+")     # what may follow "card-" in a widget id


def card_label(row: dict[str, Any], lang: str) -> str:
    """The card's name, its holder, the PIN they remember and how the card stands now."""
    status = row["status"]
    if status == "unreadable":
        return f"{row['name']}  {text('card_status_unreadable', lang)}"
    state = (text("card_tries_left", lang, tries=row["tries_left"]) if status == "active"
             else text(f"card_status_{status}", lang) if f"card_status_{status}" in TEXTS
             else status)
    return f"{row['name']}  {row['holder']}  PIN {row['pin']}  {state}"


class TrayCard(TapButton):
    """One card file in the tray, named as it is (its label is plain text, never markup);
    its id is `card-NAME` where NAME can be part of an id (`#card-izumi-taro`) and is not the
    take-the-card button's (`#card-remove`)."""

    def __init__(self, row: dict[str, Any], lang: str, placed: bool) -> None:
        name = row["name"]
        fits = ID_SAFE.fullmatch(name) and name != "remove"
        super().__init__(Content(card_label(row, lang)), compact=True, classes="tray-card",
                         id=f"card-{name}" if fits else None,
                         variant="primary" if placed else "default")
        self.card_name = name


class CardTrayScreen(ModalScreen[None]):
    SCREEN_ID = "card_tray"
    BINDINGS = [("escape", "dismiss_tray", ""),
                Binding("down", "app.focus_next", show=False, priority=True),
                Binding("up", "app.focus_previous", show=False, priority=True)]

    def __init__(self, view: View, cards: list[dict[str, Any]]) -> None:
        super().__init__()
        self._lang, self._placed, self._cards = view.lang, view.card_on_reader, cards

    def compose(self) -> ComposeResult:
        lang, placed = self._lang, self._placed
        with Vertical(id="panel"):
            yield Label(text("card_tray_title", lang), classes="panel-title")
            yield Label(text("card_on_reader", lang, name=placed) if placed
                        else text("card_reader_empty", lang), id="on-reader", markup=False)
            with Grid(classes="panel-actions"):
                yield TapButton(text("card_remove", lang), id="card-remove")
                yield TapButton(text("staff_close", lang), id="close")
            with VerticalScroll(id="tray", can_focus=False):
                for row in self._cards:
                    yield TrayCard(row, lang, placed=row["name"] == placed)

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


#: The staff panel's buttons (catalogue key, id), in the order they are laid out.
ACTIONS = (("staff_card_tray", "staff-card-tray"), ("staff_fault_none", "fault-none"),
           ("staff_fault_paper_out", "fault-paper_out"), ("staff_fault_jam", "fault-jam"),
           ("staff_coin_clear", "coin-clear"), ("staff_coin_refill", "coin-refill"),
           ("staff_collect", "collect"), ("staff_lang", "staff-lang"),
           ("staff_close", "close"), ("staff_quit", "shutdown"))


class StaffScreen(ModalScreen[None]):
    SCREEN_ID = "staff"
    BINDINGS = [("escape", "close", ""), ("q", "shutdown", "")]

    def __init__(self, lang: str, status: StaffStatus) -> None:
        super().__init__()
        self._lang, self._status = lang, status

    def _lines(self) -> list[str]:
        lang, status = self._lang, self._status
        ok = text("staff_device_ok", lang)
        lines = [
            text("staff_printer", lang, state=reason_message(status.printer).get(lang)
                 if status.printer else ok),
            text("staff_coins", lang, state=reason_message(status.coins).get(lang)
                 if status.coins else ok),
            text("staff_coin_stock", lang, stock=" ".join(
                text("staff_coin_count", lang, unit=unit, n=n)
                for unit, n in sorted(status.coin_stock.items(), reverse=True))),
            text("staff_clock", lang, now=status.now.strftime("%Y-%m-%d %H:%M")),
        ]
        day = status.day
        lines.append(text("staff_day", lang, sessions=day.sessions, copies=day.copies,
                          yen_in=f"{day.yen_in:,}", fees=f"{day.fees:,}",
                          refunds=f"{day.refunds:,}", change=f"{day.change:,}",
                          owed=f"{day.owed:,}") if day else text("staff_day_unknown", lang))
        return lines

    def compose(self) -> ComposeResult:
        lang = self._lang
        with Vertical(id="panel"):
            yield Label(text("staff_title", lang), classes="panel-title")
            for line in self._lines():
                yield Label(line, classes="staff-status", markup=False)
            with Grid(classes="panel-actions"):
                for key, button_id in ACTIONS:
                    yield TapButton(text(key, lang), id=button_id,
                                    variant="error" if button_id == "shutdown" else "default")

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

    @on(Button.Pressed, "#coin-clear")
    def coins_cleared(self) -> None:
        self._then(CoinFaultCleared())

    @on(Button.Pressed, "#coin-refill")
    def coins_refilled(self) -> None:
        self._then(CoinsRefilled())

    @on(Button.Pressed, "#collect")
    def collect(self) -> None:
        """What people left in the return tray and the output tray goes to the counter."""
        self._then(ItemsTaken())

    @on(Button.Pressed, "#staff-lang")
    def switch_language(self) -> None:
        self._then(LanguageSwitched())

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#shutdown")
    def action_shutdown(self) -> None:
        self._then(ShutdownWanted())
