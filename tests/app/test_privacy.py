"""When a session ends — completed, cancelled or timed out — nothing personal stays behind."""

from __future__ import annotations

import pytest

from backend import demo_data
from kiosk.app.screens.top import TopScreen
from kiosk.flow import Context, State
from kiosk.terminal.effects import SessionSecrets
from tests.app.conftest import ledger


def personal_strings(card: str) -> list[str]:
    household, resident, _ = demo_data.card(card)
    index = [r.key for _, r in demo_data.residents()].index(resident.key)
    names = [f"{m.family_name}{gap}{m.given_name}" for m in household.members for gap in (" ", "　")]
    return [*names, demo_data.my_number(index), household.address]


def assert_nothing_personal(kiosk, paths, card: str = "izumi-taro") -> None:
    app = kiosk.app
    assert app.terminal.flow.state == State.TOP and app.terminal.flow.context == Context()
    assert [type(s) for s in app.screen_stack][1:] == [TopScreen]
    assert app.terminal.secrets == SessionSecrets()
    shown = kiosk.text()
    spoken = "\n".join(app.terminal.devices.speaker.spoken)
    logs = "\n".join(p.read_text(errors="replace") for p in paths.logs.rglob("*") if p.is_file())
    for secret in personal_strings(card):
        assert secret not in shown and secret not in spoken and secret not in logs
    # nothing of the session in the screens still alive: shown, or kept for the next session
    for screen in [*app.screen_stack, *app._screens.values()]:
        for widget in screen.walk_children(with_self=True):
            for value in vars(widget).values():
                value = getattr(value, "plain", value)      # labels held as Text / Content
                if isinstance(value, str):
                    assert all(secret not in value for secret in personal_strings(card))


async def _complete(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-self")
    await kiosk.tap("#field-my_number-yes")
    await kiosk.tap("#confirm")
    await kiosk.keys("1")
    await kiosk.tap("#confirm")
    await kiosk.tap("#confirm")
    await kiosk.insert(500)
    await kiosk.tap("#stop-voice")
    await kiosk.tap("#done")


async def _cancel(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.quit()


async def _cancel_at_members(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_some")
    assert kiosk.screen == "members"            # the household's names on screen
    await kiosk.quit()


async def _time_out(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.wait(60)
    await kiosk.wait(20)


@pytest.mark.parametrize("session", [_complete, _cancel, _cancel_at_members, _time_out])
async def test_session_end_leaves_nothing_personal(kiosk, demo_home, session) -> None:
    await session(kiosk)
    assert kiosk.screen == "top"
    kiosk.app.terminal.devices.printer.take()        # the person took their certificates
    assert_nothing_personal(kiosk, demo_home)
    assert set(ledger(demo_home)["sessions"]) == {"closed"}


async def test_the_holder_is_known_during_the_session(kiosk) -> None:
    # the check above is meaningful: the same strings are there while the session runs
    await kiosk.to_certificate()
    holder = kiosk.app.terminal.flow.context.holder
    assert holder.display_name.replace("　", " ") in personal_strings("izumi-taro")
