"""The multi-copy machine's top menu: 行政サービス starts (DOMAIN §2, step 0).

Also where the reminders for things left behind show: the card on the reader, money in the
return tray, printouts in the output tray; and where a person chooses the language (日本語 /
English / 中文), kept until their session ends.
"""

from __future__ import annotations

from datetime import time

from textual import on
from textual.widgets import Button

from backend.reasons import Reason
from kiosk.app.messages import ItemsTaken
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets import Bilingual, LanguageChoice
from kiosk.app.widgets.containers import Grid
from kiosk.catalogue import Msg, msg, reason_message
from kiosk.flow import Event
from kiosk.terminal.view import View


class TopScreen(KioskScreen):
    SCREEN_ID = "top"
    QUIT = False
    MAIN_ACTION = ("#admin_services",)

    def body(self):
        store = self.view.store_name
        yield Bilingual(Msg.same(store), self.lang, secondary=False, id="store")
        yield self.say("top_prompt")
        yield Bilingual(None, self.lang, id="hours")
        with Grid(id="top-menu", classes="choices"):
            yield self.button("copy_service", "copy", disabled=True)
            yield self.button("print_service", "print", disabled=True)
            yield self.button("admin_services", "admin_services", "primary")
        yield Bilingual(None, self.lang, id="paused", classes="notice hidden")
        yield Bilingual(None, self.lang, id="reminders", classes="reminder")
        yield self.button("take_items", "take-items", classes="hidden")
        yield LanguageChoice(self.lang)

    def on_mount(self) -> None:
        self._show_state()

    async def refresh_content(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        view = self.view
        if (store := self.one("#store", Bilingual)) is not None:
            store.show(Msg.same(view.store_name))
        hours = view.hours
        if (line := self.one("#hours", Bilingual)) is not None:
            line.show(msg("hours_line", opens=_hhmm(hours.opens), closes=_hhmm(hours.closes))
                      if hours else None)
        why = _why_not_open(view)
        if (paused := self.one("#paused", Bilingual)) is not None:
            paused.show(reason_message(why) if why else None)
            paused.set_class(why is None, "hidden")
        if (button := self.one("#admin_services", Button)) is not None:
            if button.disabled != bool(why):
                button.disabled = bool(why)
        if (reminders := self.one("#reminders", Bilingual)) is not None:   # none until composed
            reminders.show(Msg.lines(view.reminders) if view.reminders else None)
        if (take := self.one("#take-items", Button)) is not None:
            take.set_class(not view.items_in_trays, "hidden")

    @on(Button.Pressed, "#take-items")
    def take_items(self) -> None:
        """The demo's hand: take the money and the printouts (the card: the card tray, F9)."""
        self.post_message(ItemsTaken())

    @on(Button.Pressed, "#admin_services")
    def start(self) -> None:
        if _why_not_open(self.view) is None:
            self.send(Event.START)


def _why_not_open(view: View) -> Reason | None:
    """Closed (年末年始, maintenance, the hours) or paused (休止: a device is faulted)."""
    closed = view.hours.closed if view.hours else None
    return closed or (Reason.SERVICE_PAUSED if view.paused else None)


def _hhmm(t: time) -> str:
    return f"{t.hour}:{t.minute:02d}"
