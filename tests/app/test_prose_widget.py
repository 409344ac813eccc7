"""`Prose` and `Bilingual` on screen: the text broken by the kiosk's rules at the widget's
width, again after a resize."""

from __future__ import annotations

from textual.app import App
from textual.containers import Horizontal

from kiosk.app.prose import wrap
from kiosk.app.widgets import Bilingual
from kiosk.app.widgets.prose import Prose
from kiosk.catalogue import Msg, msg
from tests.app.fit import painted_lines

TERMS = msg("terms_body").ja


class _Page(App):
    CSS = """
    #terms { padding: 0 2; }
    #beside { height: auto; }
    #short { width: auto; }
    #warned { color: $warning; }
    """

    def compose(self):
        yield Prose(TERMS, id="terms", markup=False)
        with Horizontal(id="beside"):
            yield Prose("短い文。", id="short")
        yield Bilingual(msg("terms_title"), "ja", id="title")
        yield Bilingual(msg("take_away"), "zh", id="warned")
        yield Bilingual(Msg.same("[b]not markup[/b]"), "en", id="literal")


async def test_prose_is_broken_at_its_width_and_again_after_a_resize() -> None:
    app = _Page()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        terms = app.query_one("#terms", Prose)
        assert terms.size.width == 76
        assert painted_lines(app.screen, terms) == wrap(TERMS, 76)
        assert painted_lines(app.screen, terms)[1] == "です。"        # not 「す。」
        await pilot.resize_terminal(44, 30)
        assert terms.size.width == 40
        assert painted_lines(app.screen, terms) == wrap(TERMS, 40)
        assert terms.visual.plain == TERMS                            # the text as given
        assert app.query_one("#short").size.width == 8                # `width: auto`: unbroken


async def test_a_text_is_shown_as_it_is_not_as_markup() -> None:
    app = _Page()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert painted_lines(app.screen, app.query_one("#literal")) == ["[b]not markup[/b]"]
