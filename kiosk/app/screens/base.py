"""What every kiosk step has in common: the header, a body, an inline notice, `send`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button

from backend.reasons import Reason
from kiosk.app.messages import Send
from kiosk.app.widgets import Bilingual, KioskHeader
from kiosk.catalogue import Msg, msg, reason_message
from kiosk.flow import Context, Event

if TYPE_CHECKING:
    from kiosk.app.app import KioskApp


class KioskScreen(Screen):
    """One step of the flow. Renders `app.flow.context`; sends `Event`s; holds no session data
    of its own beyond what is being typed (digits until 確定する)."""

    SCREEN_ID: ClassVar[str] = ""
    STEP: ClassVar[str] = ""          # ① … ⑭
    QUIT: ClassVar[bool] = True       # 終了する in the header
    AUTO_FOCUS = "#body Button"

    @property
    def kiosk(self) -> "KioskApp":
        return self.app  # type: ignore[return-value]

    @property
    def ctx(self) -> Context:
        return self.kiosk.flow.context

    @property
    def lang(self) -> str:
        return self.kiosk.lang

    def compose(self) -> ComposeResult:
        yield KioskHeader(self.lang, self.STEP, quit_button=self.QUIT)
        with Vertical(id="body"):
            yield from self.body()

    def body(self) -> Iterable[Widget]:
        return ()

    # -- helpers for the steps
    def say(self, key: str, *, id: str | None = None, classes: str = "", **values: Any) -> Bilingual:
        return Bilingual(msg(key, **values), self.lang, id=id, classes=classes)

    def notice(self, message: Msg | None = None) -> Bilingual:
        return Bilingual(message or Msg("", ""), self.lang, id="notice", classes="notice")

    def button(self, key_or_msg: str | Msg, id: str, variant: str = "default", **kw: Any) -> Button:
        m = msg(key_or_msg) if isinstance(key_or_msg, str) else key_or_msg
        return Button(m.get(self.lang), id=id, variant=variant, **kw)  # type: ignore[arg-type]

    def send(self, event: Event, *, secret: str | None = None, **payload: Any) -> None:
        self.post_message(Send(event, payload, secret))

    def show_notice(self, message: Msg | None) -> None:
        for widget in self.query("#notice").results(Bilingual):
            widget.show(message)

    def refused(self, reason: Reason) -> None:
        """The flow refused what was entered (e.g. 11 copies): say why, stay here."""
        self.show_notice(reason_message(reason))

    async def update_view(self) -> None:
        """The context changed without leaving this step: redraw."""
        await self.recompose()
        self._focus_default()

    def _focus_default(self) -> None:
        for widget in self.query(self.AUTO_FOCUS or "Button"):
            if widget.focusable:
                widget.focus()
                return

    @on(Button.Pressed, "#quit")
    def _quit(self, event: Button.Pressed) -> None:
        event.stop()
        self.send(Event.QUIT)
