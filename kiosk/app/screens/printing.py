"""⑫ 証明書印刷: progress per copy."""

from __future__ import annotations

from textual.widgets import ProgressBar

from kiosk.app.screens.base import KioskScreen
from kiosk.catalogue import msg


class PrintingScreen(KioskScreen):
    SCREEN_ID = "printing"
    STEP = "⑫"
    QUIT = False

    def body(self):
        c = self.ctx
        total = c.total or c.copies or 1
        yield self.say("printing", classes="prompt")
        yield self.say("printing_progress", id="progress-text", done=c.printed, total=total)
        yield ProgressBar(total=total, show_eta=False, id="progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.ctx.printed)

    async def refresh_content(self) -> None:
        c = self.ctx
        total = c.total or c.copies or 1
        self.query_one("#progress-text").show(msg("printing_progress", done=c.printed, total=total))  # type: ignore[attr-defined]
        self.query_one(ProgressBar).update(total=total, progress=c.printed)
