"""Every screen's text reads at arm's length: a contrast of 7:1 (WCAG AAA) at the least, and
4.5:1 for a disabled button's label, in every language at 80×24, in the app's theme
(`tests/app/contrast.py`). A failure lists each screen's lowest."""

from __future__ import annotations

import pytest
from rich.color import Color
from textual.app import App
from textual.color import Color as TextualColor
from textual.widgets import Button, Label

from kiosk.app.widgets.contrast import contrast as kiosk_contrast
from kiosk.catalogue import LANGUAGES
from tests.app.conftest import SIZE, Drive
from tests.app.contrast import Measure, ReadsAtArmsLength, contrast
from tests.app.tour import Tour


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_screen_reads_at_arms_length(make_kiosk, clock, lang) -> None:
    app = make_kiosk(lang=lang)
    reads = ReadsAtArmsLength()
    async with app.run_test(size=SIZE) as pilot:
        tour = Tour(Drive(app, pilot, clock), [reads])
        await tour.walk()
    problems = tour.problems()
    assert not problems, "\n".join(problems) + f"\n\nlowest on each screen ({app.theme}):\n" \
        + reads.table()
    print(f"\nlowest contrast, {lang} ({app.theme}):\n{reads.table()}")


@pytest.mark.parametrize("ratio", [contrast, lambda a, b: kiosk_contrast(
    TextualColor.from_rich_color(a), TextualColor.from_rich_color(b))], ids=["test's", "kiosk's"])
def test_the_contrast_ratio_is_wcag_2s(ratio) -> None:
    black, white = Color.parse("#000000"), Color.parse("#ffffff")
    assert ratio(black, white) == pytest.approx(21.0)
    assert ratio(white, white) == pytest.approx(1.0)
    assert ratio(Color.parse("#767676"), white) == pytest.approx(4.54, abs=0.01)  # AA's grey
    assert ratio(Color.parse("#595959"), white) == pytest.approx(7.0, abs=0.01)   # AAA's


class _Faint(App):
    """Text at 3:1 and a disabled button at 3:1, beside text and a button that read well."""

    CSS = """
    Screen { background: #ffffff; }
    #faint { color: #949494; }
    #clear { color: #000000; }
    Button { background: #ffffff; color: #000000; border: none; }
    Button:disabled { color: #949494; text-opacity: 1; background: #ffffff; }
    """

    def compose(self):
        yield Label("faint text", id="faint")
        yield Label("clear text", id="clear")
        yield Button("off", id="off", disabled=True)
        yield Button("on", id="on")


async def test_the_measure_sees_faint_text_and_faint_disabled_labels() -> None:
    app = _Faint()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lowest = Measure().screen(app.screen)
    assert lowest.read is not None and lowest.read.widget == "Label#faint"
    assert lowest.read.ratio == pytest.approx(3.0, abs=0.05)
    assert lowest.disabled is not None and lowest.disabled.widget == "Button#off"
    failures = lowest.failures()
    assert len(failures) == 2 and "Label#faint" in failures[0] and "Button#off" in failures[1]
