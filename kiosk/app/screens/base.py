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
    of its own beyond what is being typed (digits until 確定する).

    The app builds each step's screen once and shows it again for later sessions (composing a
    screen costs far more than updating one): `shown()` makes a kept screen look as a new one
    would, rebuilding the body only when what it is built from (`content_key`) has changed."""

    SCREEN_ID: ClassVar[str] = ""
    STEP: ClassVar[str] = ""          # ① … ⑭
    QUIT: ClassVar[bool] = True       # 終了する in the header
    AUTO_FOCUS = "#body Button"

    _built_from: tuple | None = None  # (lang, content_key()) of the body on screen

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
        self._built_from = self._build_key()
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

    # -- keeping the screen between visits
    def content_key(self) -> tuple:
        """What `body()` is built from (in the context); the rest is updated in place."""
        return ()

    def holds_personal_data(self) -> bool:
        """True when the body shows something of the holder's (dropped when the session ends)."""
        return False

    def _build_key(self) -> tuple:
        return (self.lang, self.content_key())

    def reset_input(self) -> None:
        """Forget what was being typed or toggled here (a new visit, or the session ended)."""

    async def refresh_content(self) -> None:
        """Bring the parts updated in place up to date with the context."""

    async def shown(self) -> None:
        """The step is shown again: look as a newly built screen would."""
        self.reset_input()
        if self._built_from != self._build_key():
            await self.recompose()
        else:
            self.show_notice(None)
            for scroll in self.query("VerticalScroll"):
                if scroll.scroll_offset:
                    scroll.scroll_home(animate=False, immediate=True)
            await self.refresh_content()
        self._focus_default()

    async def update_view(self) -> None:
        """The context changed without leaving this step: redraw what changed."""
        if self._built_from != self._build_key():
            await self.recompose()
            self._focus_default()
        else:
            await self.refresh_content()

    def _focus_default(self) -> None:
        for widget in self.query(self.AUTO_FOCUS or "Button"):
            if widget.focusable:
                widget.focus()
                return

    @on(Button.Pressed, "#quit")
    def _quit(self, event: Button.Pressed) -> None:
        event.stop()
        self.send(Event.QUIT)
