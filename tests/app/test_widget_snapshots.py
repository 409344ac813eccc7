"""SVG snapshots of the two other services' widgets in a step's frame at 80×24: the 筆頭者
keyboard with a name typed, the password keyboard with four ● and the 市区町村 list with one
that cannot be chosen.

Update after an intended change: `pytest tests/app/test_widget_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from kiosk.app.widgets.kana_keyboard import KanaKeyboard
from kiosk.app.widgets.paged_choice import PagedChoice
from kiosk.app.widgets.secret_keyboard import SecretKeyboard
from tests.app.test_paged_choice import OSAKA
from tests.app.widget_demo import Demo, Look

# each: the widget, the prompt above it, where the focus rests (as its screen puts it), keys
WIDGETS = {
    "kana": (lambda lang: KanaKeyboard(lang), "registration_service", "#kana-confirm",
             ("や", "ま", "だ", "space", "た", "ろ", "う")),
    "secret": (lambda lang: SecretKeyboard(lang), "pin_reset_service", "#secret-confirm",
               ("a", "1", "b", "2")),
    "choice": (lambda lang: PagedChoice(lang, OSAKA), "registration_service", "#back", ()),
}


@pytest.mark.parametrize("name", list(WIDGETS))
def test_widgets(snap_compare, name) -> None:
    widget, prompt, focus, keys = WIDGETS[name]
    app = Demo(widget, prompt=prompt)

    async def run_before(pilot) -> None:
        look = Look(app, pilot)
        await look.settle()
        for button in app.screen.query("Button"):
            button.active_effect_duration = 0          # no pressed look caught mid-way
        app.query_one(focus).focus()
        await look.keys(*keys)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
