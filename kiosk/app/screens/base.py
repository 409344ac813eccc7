"""What every kiosk step has in common: the header, a body, an inline notice, `send`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button

from backend.reasons import Reason
from kiosk.app.messages import Send
from kiosk.app.widgets import Bilingual, KioskHeader, TapButton
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
    # The terminal's lines at the last look (headless). Kept between sessions like the screen
    # itself: a screen that shows the holder's data is dropped with its text at session end.
    _lines: list[str] | None = None
    _notice_line: Bilingual | None = None  # the inline notice line of the body, if it has one

    @property
    def kiosk(self) -> KioskApp:
        return self.app  # type: ignore[return-value]

    @property
    def ctx(self) -> Context:
        return self.kiosk.flow.context

    @property
    def lang(self) -> str:
        return self.kiosk.lang

    def compose(self) -> ComposeResult:
        self._built_from = self._build_key()
        self._notice_line = None
        yield KioskHeader(self.lang, self.STEP, quit_button=self.QUIT)
        with Vertical(id="body"):
            yield from self.body()

    def body(self) -> Iterable[Widget]:
        return ()

    # -- helpers for the steps
    def say(self, key: str, *, id: str | None = None, classes: str = "", **values: Any) -> Bilingual:
        return Bilingual(msg(key, **values), self.lang, id=id, classes=classes)

    def notice(self, message: Msg | None = None) -> Bilingual:
        self._notice_line = Bilingual(message or Msg("", ""), self.lang, id="notice",
                                      classes="notice")
        return self._notice_line

    def button(self, key_or_msg: str | Msg, id: str, variant: str = "default", **kw: Any) -> Button:
        m = msg(key_or_msg) if isinstance(key_or_msg, str) else key_or_msg
        return TapButton(m.get(self.lang), id=id, variant=variant, **kw)  # type: ignore[arg-type]

    def send(self, event: Event, *, secret: str | None = None, **payload: Any) -> None:
        self.post_message(Send(event, payload, secret))

    def show_notice(self, message: Msg | None) -> None:
        # the step's notice line, kept from when the body was built (a DOM query per visit
        # and per refusal cost more than the update itself)
        if self._notice_line is not None and self._notice_line.is_attached:
            self._notice_line.show(message)

    def refused(self, reason: Reason) -> None:
        """The flow refused what was entered (e.g. 11 copies): say why, stay here."""
        self.show_notice(reason_message(reason))

    # -- what Textual does on each visit, trimmed for kept screens
    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # A kept screen's styles stand unless the app's CSS changed since it was last shown
        # (Textual counts CSS changes): re-applying every rule to every node on each visit
        # was a tenth of a headless session. Screen's own handler runs here, once.
        app = self.app
        if self._css_update_count == app._css_update_count:
            event.refresh_styles = False
        super()._on_screen_resume(event)
        self._css_update_count = app._css_update_count
        event.prevent_default()

    def _compositor_refresh(self) -> None:
        if self.kiosk.paint_frames:
            super()._compositor_refresh()
            return
        # Headless scenario runs: no terminal shows the frames, so they are not composed.
        # The regions they would have repainted are kept for `screen_text`, which renders
        # just those when the scenario player looks. Layout, styles and hover go on as usual.
        self._dirty_widgets.clear()
        self.app._update_mouse_over(self)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> KioskScreen:
        if not (regions or layout or recompose or self.kiosk.paint_frames) and self._lines:
            # Headless, with this screen's text at hand: a whole-screen repaint (on a visit,
            # a focus change) is for a terminal that may show something else meanwhile. What
            # changes on screen marks its own region, and `screen_text` renders just those.
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def screen_text(self) -> str:
        """What this screen shows on the terminal, line by line (trailing spaces trimmed).
        With frames painted, the whole screen is rendered. Without (headless scenario runs),
        only the lines changed since the last look are rendered again, as a terminal is
        sent only the changed lines of each frame."""
        compositor = self._compositor
        size, dirty = compositor.size, compositor._dirty_regions
        if self.kiosk.paint_frames:
            return rendered_text(self)
        lines = self._lines
        if lines is None or len(lines) != size.height or size.region in dirty:
            lines = [strip.text.rstrip() for strip in compositor.render_strips()]
        else:
            rows = {y for region in dirty for y in range(region.y, region.bottom)
                    if 0 <= y < size.height}
            if rows:
                for y, text in _render_rows(compositor, rows).items():
                    lines[y] = text
        dirty.clear()
        self._lines = lines
        return _joined(lines)

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

    def _still_buttons(self) -> None:
        # Headless runs paint no frames, so a tapped button skips its pressed look: nobody
        # sees it, and it costs two style updates and a timer per tap.
        if not self.kiosk.paint_frames:
            for button in self.query(Button):
                button.active_effect_duration = 0

    async def _rebuild(self) -> None:
        await self.recompose()
        self._still_buttons()
        await self.refresh_content()        # the parts filled in place, in the new widgets

    async def shown(self) -> None:
        """The step is shown again: look as a newly built screen would."""
        self.reset_input()
        if self._built_from != self._build_key():
            await self._rebuild()
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
            await self._rebuild()
            self._focus_default()
        else:
            await self.refresh_content()

    def _focus_default(self) -> None:
        for widget in self.query(self.AUTO_FOCUS or "Button"):
            if widget.focusable:
                if widget is not self.focused:    # (`focus()` repaints even a focused widget)
                    widget.focus()
                return

    @on(Button.Pressed, "#quit")
    def _quit(self, event: Button.Pressed) -> None:
        event.stop()
        self.send(Event.QUIT)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.send(Event.BACK)          # 前画面へ, on every step that has it


def _render_rows(compositor, rows: set[int]) -> dict[int, str]:
    """The text of the screen's `rows`, composed as Textual's compositor composes an update
    (front to back, each cut of a line taken from the first widget that covers it), rendering
    of each widget only the rows asked for rather than its whole height."""
    cuts = compositor.cuts
    chops: dict[int, dict[int, Strip | None]] = {y: dict.fromkeys(cuts[y][:-1]) for y in rows}
    top, bottom = min(rows), max(rows) + 1
    for widget, (region, clip) in compositor.visible_widgets.items():
        shown = region.intersection(clip)
        wanted = [y for y in range(max(top, shown.y), min(bottom, shown.bottom)) if y in rows]
        if not wanted or not shown.width:
            continue
        first, last = wanted[0], wanted[-1] + 1
        strips = widget.render_lines(Region(shown.x - region.x, first - region.y,
                                            shown.width, last - first))
        first_cut, last_cut = shown.column_span
        for y, strip in zip(range(first, last), strips):
            line = chops.get(y)
            if line is None:
                continue                       # between two asked rows, not asked itself
            line_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            pieces = strip.divide([cut - shown.x for cut in line_cuts[1:]])
            for cut, piece in zip(line_cuts, pieces):
                if line.get(cut) is None:
                    line[cut] = piece
    return {y: Strip.join(line.values()).text.rstrip() for y, line in chops.items()}


def rendered_text(screen: Screen) -> str:
    """The whole screen rendered now, line by line (trailing spaces trimmed)."""
    return _joined(strip.text for strip in screen._compositor.render_strips())


def _joined(lines: Iterable[str]) -> str:
    return "\n".join(line.rstrip() for line in lines).strip("\n")
