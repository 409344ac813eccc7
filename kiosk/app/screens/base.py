"""What every kiosk step has in common: the header, a body, an inline notice, `send`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button

from kiosk.app.messages import Send
from kiosk.app.widgets import Bilingual, KioskHeader, TapButton
from kiosk.app.widgets.containers import Vertical
from kiosk.catalogue import Msg, msg, text
from kiosk.flow import Context, Event
from kiosk.terminal.view import View

W = TypeVar("W", bound=Widget)

#: A selector naming one widget by its id alone.
ID = re.compile(r"#[\w-]+")


class KioskScreen(Screen):
    """One step of the flow. Renders the terminal's `View`; sends `Event`s; holds no session
    data of its own beyond what is being typed (digits until 確定する).

    The app builds each step's screen once and shows it again for later sessions (composing a
    screen costs far more than updating one): `shown()` makes a kept screen look as a new one
    would, rebuilding the body only when what it is built from (`content_key`) has changed.

    The keyboard focus is on the step's main action (`MAIN_ACTION`, the button Enter presses)
    whenever the step is shown: built, shown again, back from an overlay (続けますか？,
    取り消しますか？, a staff panel), rebuilt, or when its main action comes back (行政サービス
    after a pause) with nothing focused."""

    SCREEN_ID: ClassVar[str] = ""
    STEP: ClassVar[str] = ""          # ① … ⑭
    STEP_TEXT: ClassVar[str] = ""     # or the catalogue key naming the step (利用登録申請)
    QUIT: ClassVar[bool] = True       # 終了する in the header
    #: Selectors of the main action, in order of preference: the first enabled button found
    #: takes the focus. None at all (②, ⑤: the card is the action; ⑫: nothing to press):
    #: nothing is focused, so that Enter never ends a session by the header's 終了する.
    MAIN_ACTION: ClassVar[tuple[str, ...]] = ()
    AUTO_FOCUS = ""                   # (Textual's own: off; `MAIN_ACTION` says where)
    BLANK = True                      # its background only, drawn as blank rows (`containers`)

    _built_from: tuple | None = None  # (lang, content_key()) of the body on screen
    _notice_line: Bilingual | None = None  # the inline notice line of the body, if it has one
    _styled_for: str | None = None         # the theme the screen's styles were last applied in

    def __init__(self, view: View, paint_frames: bool = True) -> None:
        super().__init__()
        self.view = view
        self.paint_frames = paint_frames
        self._notice_seq = view.notice_seq      # notices said before this visit are old
        self.reset_input()    # what is typed starts from the context, as on a visit

    @property
    def ctx(self) -> Context:
        return self.view.context

    @property
    def lang(self) -> str:
        return self.view.lang

    def compose(self) -> ComposeResult:
        self._built_from = self._build_key()
        self._notice_line = None
        step = text(self.STEP_TEXT, self.lang) if self.STEP_TEXT else self.STEP
        yield KioskHeader(self.lang, step, quit_button=self.QUIT)
        with Vertical(id="body"):
            yield from self.body()

    def body(self) -> Iterable[Widget]:
        return ()

    # -- helpers for the steps
    def say(self, key: str, *, id: str | None = None, classes: str = "", **values: Any) -> Bilingual:
        return Bilingual(msg(key, **values), self.lang, id=id, classes=classes)

    def notice(self, message: Msg | None = None) -> Bilingual:
        self._notice_line = Bilingual(message or Msg.same(""), self.lang, id="notice",
                                      classes="notice")
        return self._notice_line

    def button(self, key_or_msg: str | Msg, id: str, variant: str = "default", **kw: Any) -> Button:
        m = msg(key_or_msg) if isinstance(key_or_msg, str) else key_or_msg
        return TapButton(m.get(self.lang), id=id, variant=variant, **kw)  # type: ignore[arg-type]

    def send(self, event: Event, *, secret: str | None = None, **payload: Any) -> None:
        self.post_message(Send(event, payload, secret))

    def municipality(self) -> Bilingual:
        """The line naming the municipality that issues (⑥, ⑩), filled in by `show_municipality`."""
        return Bilingual(None, self.lang, secondary=False, id="municipality")

    def forget_municipality(self) -> None:
        """The session is over (or a new visit fills it in again): the line names no one's."""
        if (line := self.one("#municipality", Bilingual)) is not None:
            line.show(None)

    def show_municipality(self) -> None:
        name = self.ctx.municipality_name
        if (line := self.one("#municipality", Bilingual)) is not None:
            line.show(msg("municipality_line", name=name) if name else None)

    def one(self, selector: str, kind: type[W]) -> W | None:
        """The widget of the step that `selector` names (an `#id` or a type's name), or None.
        (Textual keeps what `query_one` found until the step's children change: a query
        walks and matches the whole screen, a few a visit and one a tick mount up.)"""
        widget = self.query_one_optional(selector, kind)
        if widget is not None and not widget.is_attached:       # gone from the step since
            widget = next(iter(self.query(selector).results(kind)), None)
        return widget

    def show_notice(self, message: Msg | None) -> None:
        # the step's notice line, kept from when the body was built (a DOM query per visit
        # and per refusal cost more than the update itself)
        if self._notice_line is not None and self._notice_line.is_attached:
            self._notice_line.show(message)

    def _say_new_notice(self) -> None:
        """A notice the terminal gave since the last look (a refusal, a coin come back)."""
        if self.view.notice_seq != self._notice_seq:
            self._notice_seq = self.view.notice_seq
            if self.view.notice is not None:
                self.show_notice(self.view.notice)

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

    @on(events.Mount)
    def _built(self) -> None:
        self._still_buttons()
        self._focus_main_action()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown, or back from an overlay (続けますか？, a staff panel): Enter does the step's
        # main action again, wherever the focus was moved meanwhile.
        self._focus_main_action()
        # Runs before Screen's own handler (a subclass's first). A kept screen shown again has
        # its styles already: every class it changes restyles its own nodes, and the kiosk's
        # stylesheet is fixed, so only a new theme needs every rule applied again to every
        # node (a tenth of a headless session when done on each visit).
        if self._styled_for == self.app.theme:
            event.refresh_styles = False
        self._styled_for = self.app.theme

    def _still_buttons(self) -> None:
        # Headless runs paint no frames, so a tapped button skips its pressed look: nobody
        # sees it, and it costs two style updates and a timer per tap.
        if not self.paint_frames:
            for button in self.query(Button):
                button.active_effect_duration = 0

    async def _rebuild(self) -> None:
        await self.recompose()
        self._still_buttons()
        await self.refresh_content()        # the parts filled in place, in the new widgets

    async def shown(self, view: View) -> None:
        """The step is shown again: look as a newly built screen would."""
        self.view, self._notice_seq = view, view.notice_seq
        self.reset_input()
        if self._built_from != self._build_key():
            await self._rebuild()
        else:
            self.show_notice(None)
            for scroll in self.walk_children(VerticalScroll):
                if scroll.scroll_offset:
                    scroll.scroll_home(animate=False, immediate=True)
            await self.refresh_content()
        self._focus_main_action()

    async def update_view(self, view: View) -> None:
        """The view changed without leaving this step: redraw what changed."""
        self.view = view
        if self._built_from != self._build_key():
            await self._rebuild()
            self._focus_main_action()
        else:
            await self.refresh_content()
            if self.focused is None:       # its main action enabled again (a pause over)
                self._focus_main_action()
        self._say_new_notice()

    def main_action(self) -> Widget | None:
        """The button that has the focus when the step is shown (None: none)."""
        for selector in self.MAIN_ACTION:
            found = [self.one(selector, Widget)] if ID.fullmatch(selector) else self.query(selector)
            for widget in found:
                if widget is not None and widget.focusable:
                    return widget
        return None

    def _focus_main_action(self) -> None:
        # (`set_focus` does nothing to a widget already focused; `focus()` would repaint it)
        self.set_focus(self.main_action())

    @on(Button.Pressed, "#quit")
    def _quit(self, event: Button.Pressed) -> None:
        event.stop()
        self.send(Event.QUIT)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.send(Event.BACK)          # 前画面へ, on every step that has it
