"""⑦ 交付種別: 世帯全員 / 世帯の一部 / 本人のみ (only those the certificate offers)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from backend.api import IssuanceKind
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Grid, Horizontal
from kiosk.catalogue import kind_name
from kiosk.flow import Event


class IssuanceKindScreen(KioskScreen):
    SCREEN_ID = "issuance_kind"
    STEP = "⑦"
    MAIN_ACTION = ("#kinds .-primary", "#kinds Button")   # the kind chosen before, or the first

    def content_key(self) -> tuple:
        offering = self.ctx.offering
        return (offering.kinds if offering else (), self.ctx.kind)

    def body(self):
        yield self.say("kind_prompt", classes="prompt")
        offering = self.ctx.offering
        with Grid(id="kinds", classes="choices"):
            for kind in offering.kinds if offering else ():
                yield self.button(kind_name(kind), f"kind-{kind.value}",
                                  "primary" if kind == self.ctx.kind else "default")
        yield self.notice()
        with Horizontal(classes="actions"):
            yield self.button("back", "back")

    @on(Button.Pressed, "#kinds Button")
    def choose(self, event: Button.Pressed) -> None:
        kind = IssuanceKind(event.button.id.removeprefix("kind-"))  # type: ignore[union-attr]
        self.send(Event.KIND_CHOSEN, kind=kind)
