"""Every step's screen fits, in each of the three languages, at 80×24, 120×40 and 200×60: no
button's label is clipped, every button is wholly on screen, no text is cut (`tests/app/fit.py`);
no line of a text starts with a closing mark or ends with an opening one (禁則処理); and the
focus is on the step's main action (`tests/app/focus.py`).

One kiosk per language and size tours every screen (`tests/app/tour.py`). A household of 12
fits too: ⑦ pages it (前へ / 次へ), and ⑩'s row of their names wraps.
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button, Label, Static

from kiosk.catalogue import LANGUAGES
from tests.app.conftest import Drive
from tests.app.fit import BreaksWell, Fits, misfits, painted_lines
from tests.app.focus import OnTheMainAction
from tests.app.tour import Tour

SIZES = [(80, 24), (120, 40), (200, 60)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_screen_fits(make_kiosk, clock, lang, size) -> None:
    """…with its lines broken well (禁則処理), and the focus on its main action."""
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        tour = Tour(Drive(app, pilot, clock), [Fits(), BreaksWell(), OnTheMainAction()])
        await tour.walk()
    problems = tour.problems()
    assert not problems, "\n".join(problems)


class _Misfits(App):
    """A screen with one of each thing that does not fit, and one button that does."""

    CSS = """
    #narrow { width: 16; height: 3; }          /* as the kiosk's buttons: three rows */
    #wrapped { width: 12; height: 1; }
    #edge { width: 12; text-wrap: nowrap; text-overflow: ellipsis; }
    #spacer { height: 12; }
    """

    def compose(self):
        yield Label("header")
        yield Button("証明書交付サービス", id="narrow")
        yield Label("證明書交付服務目前暫停中。", id="wrapped")
        yield Label("Certificate issuance", id="edge")
        yield Button("fits", id="fits")
        yield Static(id="spacer")
        yield Button("below", id="below")


async def test_the_fit_check_sees_what_does_not_fit() -> None:
    app = _Misfits()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        found = misfits(app.screen)
    kinds = ("label clipped", "text cut", "not wholly on screen")
    assert [(line.split()[0], [kind for kind in kinds if f": {kind}" in line]) for line in found] == [
        ("Button#narrow", ["label clipped"]), ("Label#wrapped", ["text cut"]),
        ("Label#edge", ["text cut"]), ("Button#below", ["not wholly on screen"])], found


async def _household_of_12(kiosk: Drive) -> None:
    await kiosk.to_certificate("tomakomai-omori", "1212")
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_some")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_members_of_a_household_of_12_fit(make_kiosk, clock, lang, size) -> None:
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await _household_of_12(kiosk)
        assert kiosk.screen == "members"
        found = misfits(app.screen)
        assert not found, "\n".join(found)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_twelve_names_fit_on_the_confirmation(make_kiosk, clock, lang, size) -> None:
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await _household_of_12(kiosk)
        for _page in range(12):              # ☑ everyone, page by page
            for member in list(app.screen.query(".member")):
                if member.display:
                    await kiosk.tap(f"#{member.id}")
            if app.screen.query_one("#page-next").disabled:
                break
            await kiosk.tap("#page-next")
        await kiosk.tap("#confirm")
        await kiosk.tap("#field-head_relation-yes")
        await kiosk.tap("#confirm")
        await kiosk.keys("1")
        await kiosk.tap("#confirm")
        assert kiosk.screen == "confirm"
        found = misfits(app.screen)
        assert not found, "\n".join(found)
        lines = painted_lines(app.screen, app.screen.query_one("#value-members"))
        assert all(line.endswith("、") for line in lines[:-1]), lines     # whole names a line
        assert size[0] > 80 or len(lines) > 1, lines
