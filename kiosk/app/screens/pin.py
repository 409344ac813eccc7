"""④ 暗証番号の入力: 4 digits, shown only as ●; they go to the card and nowhere else."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Static

from backend.reasons import Reason
from kiosk.app.screens.keypad_entry import KeypadEntryScreen
from kiosk.app.widgets import Keypad
from kiosk.catalogue import msg, reason_message
from kiosk.flow import Event

PIN_LENGTH = 4


class PinScreen(KeypadEntryScreen):
    SCREEN_ID = "pin"
    STEP = "④"
    AUTO_FOCUS = "#confirm"    # digits from the keys, Enter confirms

    def __init__(self) -> None:
        super().__init__()
        self._digits = ""

    def body(self):
        yield self.say("pin_prompt", classes="prompt")
        with Horizontal(id="entry-row"):
            yield Static(self._dots(), id="pin-display", classes="display")
            yield self.notice(self._notice())
        yield Keypad(self.lang)

    def reset_input(self) -> None:
        self._digits = ""
        if self.query("#pin-display"):
            self._show()

    def _notice(self):
        ctx = self.ctx
        if ctx.notice == Reason.PIN_WRONG and ctx.tries_left is not None:
            return msg("pin_wrong", tries=ctx.tries_left)
        return reason_message(ctx.notice) if ctx.notice else None

    def _dots(self) -> str:
        return " ".join("●" if i < len(self._digits) else "＿" for i in range(PIN_LENGTH))

    def _show(self) -> None:
        # a fixed-width box of one line: no layout needed
        self.query_one("#pin-display", Static).update(self._dots(), layout=False)

    def press(self, key: str) -> None:
        if key == "correct":
            self._digits = ""
        elif key == "confirm":
            self.submit()
            return
        elif len(self._digits) < PIN_LENGTH:
            self._digits += key
        self._show()

    def submit(self) -> None:
        if len(self._digits) != PIN_LENGTH:
            self.show_notice(msg("pin_need_four"))
            return
        digits, self._digits = self._digits, ""
        self._show()
        self.send(Event.PIN_SUBMITTED, secret=digits)

    async def refresh_content(self) -> None:
        self.reset_input()
        self.show_notice(self._notice())
