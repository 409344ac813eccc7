"""The staff card tray (F9) with odd files in it: a card it cannot read is, to the kiosk, a card
it cannot read, and any file name is listed and placed as it is."""

from __future__ import annotations

import json

from backend.jpki.card_image import card_file
from backend.reasons import Reason
from kiosk.catalogue import reason_message
from tests.app.conftest import SIZE, Drive


def copy_card(tray, name: str, new_name: str) -> None:
    image = json.loads(card_file(tray, name).read_text(encoding="utf-8"))
    image["card_name"] = new_name
    card_file(tray, new_name).write_text(json.dumps(image, ensure_ascii=False), encoding="utf-8")


async def to_place_card(kiosk) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    assert kiosk.screen == "place_card"


async def place_from_tray(kiosk, name: str) -> None:
    """F9, then the tray's button for `name` (found by its card, whatever the name holds)."""
    await kiosk.keys("f9")
    assert kiosk.screen == "card_tray"
    buttons = [b for b in kiosk.app.screen.query(".tray-card") if b.card_name == name]
    assert len(buttons) == 1, f"{name} is not in the tray"
    buttons[0].press()
    await kiosk.settle()


def squashed(text: str) -> str:
    return "".join(text.split())


async def test_an_unreadable_card_placed_from_the_tray_cannot_be_read(kiosk) -> None:
    tray = kiosk.app.terminal.paths.card_tray
    card_file(tray, "broken").write_text("[]", encoding="utf-8")
    copy_card(tray, "izumi-taro", "pin-number")
    image = json.loads(card_file(tray, "pin-number").read_text(encoding="utf-8"))
    image["user_auth"]["pin"] = 1234
    card_file(tray, "pin-number").write_text(json.dumps(image), encoding="utf-8")
    await to_place_card(kiosk)
    for name in ("broken", "pin-number"):
        await kiosk.keys("f9")
        await kiosk.tap(f"#card-{name}")
        assert kiosk.app.is_running and kiosk.screen == "place_card"
        assert kiosk.app.terminal.flow.context.notice == Reason.CARD_UNREADABLE
        assert squashed(reason_message(Reason.CARD_UNREADABLE).ja) in squashed(kiosk.text())
        await kiosk.remove_card()
    await kiosk.place("izumi-taro")
    assert kiosk.screen == "municipality" and kiosk.app.terminal.errors == []


async def test_any_card_file_name_is_listed_and_placed(kiosk) -> None:
    tray = kiosk.app.terminal.paths.card_tray
    copy_card(tray, "izumi-taro", "izumi.taro")
    copy_card(tray, "izumi-hanako", "odd[b]")
    copy_card(tray, "izumi-ichiro", "remove")      # not the id of the take-the-card button
    await to_place_card(kiosk)
    await kiosk.keys("f9")
    labels = [str(b.label) for b in kiosk.app.screen.query(".tray-card")]
    assert {"izumi.taro", "odd[b]", "remove"} <= {label.split("  ")[0] for label in labels}
    await kiosk.keys("escape")
    await place_from_tray(kiosk, "odd[b]")
    assert kiosk.screen == "municipality", kiosk.text()
    await kiosk.keys("f9")
    assert "odd[b]" in kiosk.text()                # "on the reader", as it is named
    await kiosk.tap("#card-remove")
    for name in ("izumi.taro", "remove"):
        await place_from_tray(kiosk, name)
        assert kiosk.app.terminal.reader.placed_name == name and kiosk.app.terminal.errors == []


async def test_a_card_gone_from_the_tray_since_it_was_listed_is_not_placed(make_kiosk,
                                                                         clock) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE, notifications=True) as pilot:   # toasts shown
        kiosk = Drive(app, pilot, clock)
        await kiosk.keys("f9")
        card_file(app.terminal.paths.card_tray, "izumi-taro").unlink()
        await kiosk.tap("#card-izumi-taro")
        assert app.is_running and kiosk.screen == "top"
        assert not app.terminal.reader.present()
        for _ in range(100):                # the toast comes up on Textual's next refresh
            if "カードトレイにありません: izumi-taro" in kiosk.text():
                break
            await pilot.pause(0.02)
        assert "カードトレイにありません: izumi-taro" in kiosk.text()


async def test_the_tray_shows_each_cards_holder_and_how_it_stands_now(kiosk) -> None:
    def labels() -> dict[str, str]:
        return {b.card_name: str(b.label) for b in kiosk.app.screen.query(".tray-card")}

    await kiosk.keys("f9")
    assert "izumi-taro  和泉 太郎  PIN 1234  残り3回" in kiosk.text()
    assert labels()["tomakomai-suspended"].endswith("一時停止中")    # the centre's registry
    assert labels()["tomakomai-locked"].endswith("ロック中")          # the card's own counter
    await kiosk.keys("escape")
    await kiosk.to_pin("izumi-taro")
    await kiosk.pin("9999")                                          # one wrong try
    await kiosk.keys("f9")
    assert labels()["izumi-taro"] == "izumi-taro  和泉 太郎  PIN 1234  残り2回"   # live


async def test_the_tray_asks_the_centre_for_the_registry(kiosk, monkeypatch) -> None:
    """The registry's word comes through the centre's API (a kiosk holds no register): what
    the centre says is what the tray shows, and a centre that cannot say leaves the cards."""
    centre = kiosk.app.terminal.centre
    monkeypatch.setattr(centre, "card_registry", lambda kiosk_id: {"izumi-taro": "abolished"})
    await kiosk.keys("f9")
    labels = {b.card_name: str(b.label) for b in kiosk.app.screen.query(".tray-card")}
    assert labels["izumi-taro"].endswith("廃止")
    assert not labels["tomakomai-suspended"].endswith("一時停止中")
    await kiosk.keys("escape")

    def unreachable(kiosk_id: str) -> dict[str, str]:
        raise ConnectionError("the centre is away")

    monkeypatch.setattr(centre, "card_registry", unreachable)
    await kiosk.keys("f9")
    assert "izumi-taro  和泉 太郎  PIN 1234  残り3回" in kiosk.text()
