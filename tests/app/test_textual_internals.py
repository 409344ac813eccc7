"""The private Textual attributes kiosk/app/textual_internals.py reads still exist: a Textual
release that renames one fails here, by name, rather than silently breaking settling."""

from __future__ import annotations

import pytest

from kiosk.app import textual_internals as internals
from tests.app.conftest import SIZE


@pytest.mark.parametrize("name", internals.MESSAGE_PUMP)
async def test_the_app_still_has(make_kiosk, name) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE):
        assert hasattr(app, name), f"Textual's App no longer has {name}"
        assert hasattr(app.screen, name), f"Textual's Screen no longer has {name}"


async def test_the_message_queue_still_says_when_it_waits(make_kiosk) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE):
        assert hasattr(app._message_queue.ready_event, "_waiters"), (
            "asyncio's Event no longer has _waiters (read by textual_internals.handling)")


@pytest.mark.parametrize("name", internals.SCREEN)
async def test_the_screen_still_has(make_kiosk, name) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE):
        assert hasattr(app.screen, name), f"Textual's Screen no longer has {name}"


async def test_the_readings_answer_on_a_settled_app(make_kiosk, clock) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE):
        await app.wait_settled()
        assert not internals.unpainted(app.screen)
        assert not internals.handling(app.screen)
        # And they do answer yes: a layout asked for is unpainted, a callback due is handling.
        app.screen.refresh(layout=True)
        assert internals.unpainted(app.screen)
        await app.wait_settled()
        app.screen.call_next(lambda: None)
        assert internals.handling(app.screen)
        await app.wait_settled()
        assert not internals.unpainted(app.screen) and not internals.handling(app.screen)


async def test_the_compositor_still_renders_strips(make_kiosk) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE):
        await app.wait_settled()
        assert hasattr(app.screen._compositor, "render_strips"), (
            "Textual's Compositor no longer has render_strips (read by textual_internals.screen_text)")
        assert "証明書交付サービス" in internals.screen_text(app.screen)
        rows = internals.screen_rows(app.screen)           # every row, the blank ones too
        assert len(rows) == SIZE[1] and "\n".join(rows).strip("\n") == app.visible_text()
