"""⑨ 部数選択: keypad 1–9, 0, 訂正, 確定する; at most 10 (最大10部)."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Static

from backend.reasons import Reason
from kiosk.app.screens.keypad_entry import KeypadEntryScreen
from kiosk.app.widgets import Keypad
from kiosk.catalogue import reason_message, text
from kiosk.flow import Event

MAX_DIGITS = 2   # enough to type 11 and be told 10 is the most


class CopiesScreen(KeypadEntryScreen):
    SCREEN_ID = "copies"
    STEP = "⑨"
    AUTO_FOCUS = "#confirm"    # digits from the keys, Enter confirms

    def __init__(self) -> None:
        super().__init__()
        self._typed = ""
        self._fresh = True        # the first digit replaces what was there (an edit from ⑩)

    def reset_input(self) -> None:
        self._typed = str(self.ctx.copies) if self.ctx.copies else ""
        self._fresh = True

    async def refresh_content(self) -> None:
        for display in self.query("#copies-display").results(Static):
            display.update(self._shown(), layout=False)

    def body(self):
        yield self.say("copies_prompt", classes="prompt")
        with Horizontal(id="entry-row"):
            yield Static(text("copies_label", self.lang), classes="display-label")
            yield Static(self._shown(), id="copies-display", classes="display")
            yield self.notice()
        yield Keypad(self.lang)
        with Horizontal(classes="actions"):
            yield self.button("back", "back")

    def _shown(self) -> str:
        return text("copies_unit", self.lang, n=self._typed or "＿")

    @property
    def typed(self) -> str:
        return self._typed

    def press(self, key: str) -> None:
        if key == "confirm":
            self.submit()
            return
        if key == "correct":
            self._typed = ""
        elif self._fresh:
            self._typed = "" if key == "0" else key
        elif len(self._typed) < MAX_DIGITS and (self._typed or key != "0"):
            self._typed += key
        self._fresh = False
        self.show_notice(None)
        self.query_one("#copies-display", Static).update(self._shown(), layout=False)  # fixed width

    def submit(self) -> None:
        if not self._typed:
            self.show_notice(reason_message(Reason.INVALID_COPIES))
            return
        self.send(Event.COPIES_CHOSEN, copies=int(self._typed))
