"""The focus is on the step's main action however the step comes to be shown: a kept screen
shown again, back from 続けますか？ or a staff panel after the focus was moved away, the top
screen once its pause is over (every screen, every language: the tour, test_screen_fit.py)."""

from __future__ import annotations

from tests.app.focus import main_action
from tests.app.tour import to_confirmation


def focused_id(kiosk) -> str | None:
    focused = kiosk.app.focused
    return None if focused is None else focused.id


async def test_back_from_the_idle_prompt_the_focus_is_on_the_main_action_again(kiosk) -> None:
    await kiosk.to_pin()
    await kiosk.keys("1", "2", "tab", "tab")             # the focus moved off 確定する
    assert focused_id(kiosk) != "confirm"
    await kiosk.wait(kiosk.app.terminal.idle_seconds)
    assert kiosk.screen == "idle_prompt" and focused_id(kiosk) == "continue"
    await kiosk.keys("enter")                            # 続ける
    assert kiosk.screen == "pin" and focused_id(kiosk) == "confirm"
    await kiosk.keys("1", "2", "3", "4", "enter")        # (④ starts the PIN again)
    assert kiosk.screen == "remove_card"


async def test_a_kept_screen_shown_again_has_the_focus_on_its_main_action(kiosk) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.keys("tab")
    assert focused_id(kiosk) != "agree"
    await kiosk.tap("#disagree")
    assert kiosk.screen == "top" and focused_id(kiosk) == "admin_services"
    await kiosk.keys("tab")
    await kiosk.keys("enter")                           # not 行政サービス: a language, or nothing
    await kiosk.tap("#admin_services")
    assert kiosk.screen == "terms" and focused_id(kiosk) == "agree"


async def test_after_a_staff_panel_the_focus_is_back_on_the_main_action(kiosk) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.keys("tab", "f12")                       # the focus moved, then F12
    assert kiosk.screen == "staff"
    await kiosk.keys("escape")
    assert kiosk.screen == "terms" and focused_id(kiosk) == "agree"


async def test_the_paused_top_screen_focuses_nothing_until_it_opens_again(kiosk) -> None:
    terminal = kiosk.app.terminal
    terminal.set_printer_fault("jam")
    await kiosk.settle()
    assert kiosk.app.screen.query_one("#admin_services").disabled
    assert kiosk.app.focused is None                     # Enter starts nothing while paused
    terminal.set_printer_fault(None)
    await kiosk.settle()
    assert focused_id(kiosk) == "admin_services"
    await kiosk.keys("enter")
    assert kiosk.screen == "terms"


async def test_an_edit_from_the_confirmation_focuses_the_choice_made(kiosk) -> None:
    await to_confirmation(kiosk, "1")
    await kiosk.tap("#edit-kind")
    assert kiosk.screen == "issuance_kind" and focused_id(kiosk) == "kind-self"
    assert kiosk.app.focused is main_action(kiosk.app.screen)
