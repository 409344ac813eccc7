"""`Prose` and `Bilingual` on screen: the text broken by the kiosk's rules at the widget's
width, again after a resize; the line beneath fainter, yet readable."""

from __future__ import annotations

from textual.app import App
from textual.color import Color
from textual.containers import Horizontal

from kiosk.app.prose import wrap
from kiosk.app.widgets import Bilingual
from kiosk.app.widgets.contrast import READABLE, contrast, faded
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
        for _ in range(200):             # a loaded machine may take a few frames to lay it out
            if terms.size.width == 40 and painted_lines(app.screen, terms) == wrap(TERMS, 40):
                break
            await pilot.pause(0.02)
        assert terms.size.width == 40
        assert painted_lines(app.screen, terms) == wrap(TERMS, 40)
        assert terms.visual.plain == TERMS                            # the text as given
        assert app.query_one("#short").size.width == 8                # `width: auto`: unbroken


async def test_a_text_is_shown_as_it_is_not_as_markup() -> None:
    app = _Page()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert painted_lines(app.screen, app.query_one("#literal")) == ["[b]not markup[/b]"]


async def test_the_line_beneath_is_fainter_but_reads_at_arms_length() -> None:
    app = _Page()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        for selector in ("#title", "#warned"):
            widget = app.query_one(selector)
            region = app.screen.find_widget(widget).region
            first = app.screen.get_style_at(region.x, region.y)
            last = app.screen.get_style_at(region.x, region.bottom - 1)
            above, beneath, background = (Color.from_rich_color(c) for c in (
                first.color, last.color, first.bgcolor))
            assert contrast(beneath, background) >= READABLE, selector
            assert contrast(beneath, background) < contrast(above, background), selector


async def test_a_text_shown_again_is_painted_and_the_line_as_high_as_its_text() -> None:
    # one as high as the text before is drawn in place (no layout); a higher or a lower one
    # moves what lies beneath
    app = _Page()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        title, below = app.query_one("#title", Bilingual), app.query_one("#warned")
        assert title.size.height == 2
        under = below.region.y
        for message, rows in ((Msg("別の題", "Another title", "另一個標題"), 2),
                              (Msg.same("一行だけ"), 1), (None, 1), (Msg.same("戻る"), 1),
                              (Msg("二行", "Two lines", "兩行"), 2)):
            title.show(message)
            await pilot.pause()
            shown = [] if message is None else [message.ja, message.en][:rows]
            assert painted_lines(app.screen, title) == shown
            assert title.size.height == rows
            assert below.region.y == under + rows - 2


def test_fading_stops_where_the_text_would_no_longer_read() -> None:
    background = Color.parse("#121212")
    grey, orange, dark = Color.parse("#e0e0e0"), Color.parse("#fea62b"), Color.parse("#555555")
    assert faded(grey, background) == background + grey.multiply_alpha(0.75)  # far from 7.5
    assert contrast(faded(orange, background), background) >= READABLE
    assert faded(orange, background) != orange                               # still faded
    assert faded(dark, background) == dark           # 2.6:1 already: not faded at all
