"""Kept step screens: what Textual re-does on each visit is trimmed, never what is seen."""

from __future__ import annotations

from textual.widgets import Button


async def test_a_kept_screen_takes_up_a_css_change_made_while_it_was_away(kiosk) -> None:
    app = kiosk.app
    top = app.screen
    before = top.styles.background
    await kiosk.tap("#admin_services")
    assert kiosk.screen == "terms"
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
    await kiosk.settle()
    terms_background = app.screen.styles.background      # the shown screen is restyled at once
    assert terms_background != before
    await kiosk.tap("#disagree")
    assert kiosk.screen == "top" and app.screen is top   # the same (kept) screen object
    assert top.styles.background == terms_background


async def test_a_kept_screen_is_not_restyled_when_nothing_changed(kiosk, monkeypatch) -> None:
    app = kiosk.app
    await kiosk.tap("#admin_services")
    await kiosk.tap("#disagree")                          # top has been shown twice now
    restyled: list = []
    original = type(app.stylesheet).update_nodes

    def spy(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append(len(nodes))
        return original(self, nodes, animate=animate)

    monkeypatch.setattr(type(app.stylesheet), "update_nodes", spy)
    await kiosk.tap("#admin_services")
    await kiosk.tap("#disagree")
    whole_screen = len(list(app.screen.walk_children(with_self=True)))
    assert all(n < whole_screen for n in restyled), restyled    # no whole-screen pass
    # The spy does see a whole-screen pass when one is due: the theme changed while away.
    await kiosk.tap("#admin_services")
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
    await kiosk.settle()
    restyled.clear()
    await kiosk.tap("#disagree")
    assert restyled and max(restyled) >= whole_screen, restyled


async def test_buttons_keep_their_pressed_look_on_a_terminal(kiosk) -> None:
    buttons = list(kiosk.app.screen.query(Button))
    assert buttons and all(b.active_effect_duration > 0 for b in buttons)


async def test_headless_runs_skip_the_pressed_look(make_kiosk) -> None:
    app = make_kiosk(paint_frames=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_settled()
        await pilot.click("#admin_services")
        await app.wait_settled()
        assert app.screen_id == "terms"
        buttons = list(app.screen.query(Button))
        assert buttons and all(b.active_effect_duration == 0 for b in buttons)


async def test_a_kept_screen_shown_again_does_not_repaint_its_focused_button(kiosk,
                                                                            monkeypatch) -> None:
    app = kiosk.app
    await kiosk.tap("#admin_services")
    await kiosk.tap("#disagree")
    await kiosk.tap("#admin_services")                   # terms shown a second time
    agree = app.screen.query_one("#agree")
    assert app.focused is agree
    await kiosk.tap("#disagree")
    repainted: list = []
    original = Button.refresh

    def spy(self, *args, **kwargs):
        repainted.append(self.id)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Button, "refresh", spy)
    await kiosk.tap("#admin_services")
    assert app.screen.query_one("#agree") is agree and app.focused is agree
    assert "agree" not in repainted, repainted
    # The spy does see the button repainted when its look changes: the focus leaves it.
    await kiosk.keys("tab")
    assert app.focused is not agree and "agree" in repainted, repainted
