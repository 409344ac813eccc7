"""③ 証明書交付市区町村の選択: where one lives, or the 本籍地 (戸籍 only)."""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from backend.api import Scope
from kiosk.app.screens.base import KioskScreen
from kiosk.app.widgets.containers import Grid
from kiosk.catalogue import SCOPES
from kiosk.flow import Event


class MunicipalityScreen(KioskScreen):
    SCREEN_ID = "municipality"
    STEP = "③"
    MAIN_ACTION = ("#scope-residence",)

    def body(self):
        yield self.say("municipality_prompt", classes="prompt")
        with Grid(classes="choices"):
            for scope in Scope:
                yield self.button(SCOPES[scope], f"scope-{scope.value}",
                                  "primary" if scope == Scope.RESIDENCE else "default")

    @on(Button.Pressed, "#body Button")
    def choose(self, event: Button.Pressed) -> None:
        scope = Scope(event.button.id.removeprefix("scope-"))  # type: ignore[union-attr]
        self.send(Event.SCOPE_CHOSEN, scope=scope)
