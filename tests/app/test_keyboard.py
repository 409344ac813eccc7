"""Keyboard alone (Tab, Enter, digit keys) drives a whole 住民票, staff keys included."""

from __future__ import annotations


async def focus(kiosk, widget_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        if kiosk.app.focused is not None and kiosk.app.focused.id == widget_id:
            return
        await kiosk.keys("tab")
    raise AssertionError(f"Tab never reached #{widget_id} on {kiosk.screen}")


async def test_keyboard_only_session(kiosk) -> None:
    await kiosk.keys("enter")                      # 行政サービス has the focus
    assert kiosk.screen == "terms"
    await kiosk.keys("enter")                      # 同意する
    await kiosk.keys("enter")                      # 証明書交付サービス
    assert kiosk.screen == "place_card"
    await kiosk.keys("f9")                         # staff: the demo card tray
    assert kiosk.screen == "card_tray"
    await focus(kiosk, "card-izumi-taro")
    await kiosk.keys("enter")
    assert kiosk.screen == "municipality"
    await kiosk.keys("enter")                      # お住まいの市区町村
    assert kiosk.screen == "pin"
    await kiosk.keys("1", "2", "3", "4", "enter")
    assert kiosk.screen == "remove_card"
    await kiosk.keys("f9")
    await focus(kiosk, "card-remove")
    await kiosk.keys("enter")
    assert kiosk.screen == "certificate"
    await kiosk.keys("enter")                      # 住民票の写し (first offer)
    assert kiosk.screen == "issuance_kind"
    await kiosk.keys("enter")                      # 世帯全員
    assert kiosk.screen == "fields"
    await kiosk.keys("enter")                      # 確定する (all 無)
    await kiosk.keys("3", "enter")
    assert kiosk.screen == "confirm"
    await kiosk.keys("enter")
    assert kiosk.screen == "payment"
    await focus(kiosk, "coin-500")
    await kiosk.keys("enter", "enter")
    terminal = kiosk.app.terminal
    assert kiosk.screen == "take_away", (terminal.flow.context.payment,
                                         terminal.devices.coins.change_tray)
    await kiosk.keys("enter")
    assert kiosk.screen == "receipt"
    await kiosk.keys("enter")
    assert kiosk.screen == "top"
    assert len(kiosk.app.terminal.devices.printer.tray) == 4


async def test_no_quit_key_for_the_public(kiosk) -> None:
    for key in ("ctrl+q", "ctrl+c", "escape", "q", "ctrl+p"):
        await kiosk.keys(key)
    assert kiosk.app.is_running and kiosk.screen == "top"


async def test_staff_panel_shuts_down(kiosk, monkeypatch) -> None:
    exits = []
    monkeypatch.setattr(kiosk.app, "exit", lambda *a, **k: exits.append(a))
    await kiosk.keys("q")                          # nothing for the public
    assert exits == []
    await kiosk.keys("f12")                        # staff: F12, then Q
    assert kiosk.screen == "staff"
    await kiosk.keys("q")
    assert exits == [()]


async def test_staff_panel_opens_the_card_tray(kiosk) -> None:
    await kiosk.keys("f12")
    await kiosk.tap("#staff-card-tray")
    assert kiosk.screen == "card_tray"
    assert "izumi-taro  和泉 太郎  PIN 1234" in kiosk.text()
    await kiosk.tap("#card-izumi-taro")
    assert kiosk.app.terminal.reader.placed_name == "izumi-taro" and kiosk.screen == "top"
    assert "カードをお取りください" in kiosk.text()
    await kiosk.keys("f9")
    await kiosk.tap("#card-remove")
    assert not kiosk.app.terminal.reader.present()


async def test_a_tap_leaves_the_keyboard_focus_where_the_step_put_it(kiosk) -> None:
    """Tapping keypad digits (real mouse clicks) does not take the focus: Enter after them
    still confirms the PIN rather than typing the last digit again."""
    await kiosk.to_pin()
    assert kiosk.app.focused is not None and kiosk.app.focused.id == "confirm"
    kiosk.mouse = True
    for digit in "1234":
        await kiosk.tap(f"#key-{digit}")
    assert kiosk.app.focused.id == "confirm"
    await kiosk.keys("enter")
    assert kiosk.screen == "remove_card", kiosk.text()


async def test_f8_opens_the_staff_panel_as_f12_does(kiosk) -> None:
    """In a browser F12 opens the developer tools, so the staff panel has F8 as well."""
    await kiosk.keys("f8")
    assert kiosk.screen == "staff"
    await kiosk.keys("escape")
    assert kiosk.screen == "top"
