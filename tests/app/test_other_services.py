"""①'s two free services at the app, tapped through against the real centre and the card:
a 利用登録申請 from the menu to the slip in the output tray (then approved, and the 本籍地's
戸籍 offered at ③), and a signing-password reset the card itself then honours."""

from __future__ import annotations

from sqlalchemy import select

from backend.config import Paths
from backend.db import Database
from backend.jpki.card_image import load_card
from backend.models import HonsekiRegistration
from kiosk.app.widgets.paged_choice import PagedChoice
from kiosk.scenario.checks import pdf_text


async def _menu(kiosk, button: str) -> None:
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    assert kiosk.screen == "service_menu"
    await kiosk.tap(f"#{button}")
    assert kiosk.screen == "place_card"


async def _choose(kiosk, choice_id: str) -> None:
    """Tap a choice of the list shown, turning its pages until it is there."""
    button = "#" + PagedChoice.button_id(choice_id)
    for _ in range(10):
        if kiosk.app.screen.query(button) and kiosk.app.screen.query_one(button).display:
            break
        await kiosk.tap("#page-next")
    await kiosk.tap(button)


async def _kana(kiosk, name: str) -> None:
    for char in name:
        await kiosk.keys(char if char != "\u3000" else "space")


async def test_a_registration_from_the_menu_to_the_slip(kiosk, demo_home: Paths) -> None:
    await _menu(kiosk, "registration_service")
    await kiosk.place("arakawa-mei")
    assert kiosk.screen == "pin"                          # no ③: the 本籍地 is chosen later
    await kiosk.pin("1357")
    assert kiosk.screen == "remove_card"
    await kiosk.remove_card()
    assert kiosk.screen == "honseki_prefecture"
    await _choose(kiosk, "北海道")
    assert kiosk.screen == "honseki_municipality"
    await _choose(kiosk, "012131")                         # 苫小牧市
    assert kiosk.screen == "hittosha"
    await kiosk.tap("#kana-confirm")                       # nothing typed: said, not sent
    assert kiosk.screen == "hittosha" and "カタカナで入力" in kiosk.text()
    await _kana(kiosk, "マチヤ\u3000メイ")
    await kiosk.tap("#kana-confirm")
    assert kiosk.screen == "registration_confirm"
    shown = kiosk.text()
    assert "北海道 苫小牧市" in shown and "マチヤ　メイ" in shown
    await kiosk.tap("#confirm")
    assert kiosk.screen == "registration_done"
    assert "受付番号" in kiosk.text()
    slips = kiosk.app.terminal.devices.printer.tray
    assert len(slips) == 1
    slip = "".join(pdf_text(slips[0]).split())
    assert "受付番号" in slip and "北海道苫小牧市" in slip and "本籍地の市区町村の証明書" in slip, slip
    assert "町屋" not in slip and "マチヤ" not in slip and "1357" not in slip   # nothing personal
    await kiosk.tap("#done")
    assert kiosk.screen == "top"
    db = Database(f"sqlite:///{demo_home.database_file}")
    with db.unit() as s:
        rows = s.scalars(select(HonsekiRegistration)).all()
        pending = [r for r in rows if r.status == "pending"]
    db.dispose()
    assert len(pending) == 1 and pending[0].hittosha_kana.replace(" ", "\u3000") == "マチヤ\u3000メイ"


async def test_a_second_application_is_refused_with_its_reason(kiosk) -> None:
    for attempt in range(2):
        await _menu(kiosk, "registration_service")
        await kiosk.place("arakawa-mei")
        await kiosk.pin("1357")
        if attempt == 1:
            break
        await kiosk.remove_card()
        await _choose(kiosk, "北海道")
        await _choose(kiosk, "012131")
        await _kana(kiosk, "マチヤ\u3000メイ")
        await kiosk.tap("#kana-confirm")
        await kiosk.tap("#confirm")
        await kiosk.tap("#done")
    assert kiosk.screen == "message" and "審査中" in kiosk.text()
    await kiosk.tap("#ok")
    await kiosk.remove_card()


async def test_a_signing_password_reset_the_card_honours(kiosk, demo_home: Paths) -> None:
    assert load_card(demo_home.card_tray, "tomakomai-signlock").signing.tries_left == 0
    await _menu(kiosk, "pin_reset_service")
    await kiosk.place("tomakomai-signlock")
    assert kiosk.screen == "pin"
    await kiosk.pin("2580")
    assert kiosk.screen == "new_signing_pin"
    for key in "ABC12":                                     # too short: the rule is said
        await kiosk.keys(key.lower())
    await kiosk.tap("#secret-confirm")
    assert kiosk.screen == "new_signing_pin" and "6〜16文字" in kiosk.text()
    for entry in ("NEWPASS1", "NEWPASS2"):                  # the two differ
        for key in entry:
            await kiosk.keys(key.lower())
        await kiosk.tap("#secret-confirm")
    assert "一致しません" in kiosk.text()
    for entry in ("NEWPASS1", "NEWPASS1"):
        for key in entry:
            await kiosk.keys(key.lower())
        await kiosk.tap("#secret-confirm")
    assert "NEWPASS1" not in kiosk.text()
    assert kiosk.screen == "pin_reset_done", kiosk.text()
    assert "5回" in kiosk.text()
    image = load_card(demo_home.card_tray, "tomakomai-signlock")
    assert image.signing.pin == "NEWPASS1" and image.signing.tries_left == 5
    await kiosk.remove_card()
    assert kiosk.screen == "top"


async def test_a_reset_without_a_reservation_is_refused(kiosk) -> None:
    await _menu(kiosk, "pin_reset_service")
    await kiosk.place("izumi-taro")
    await kiosk.pin("1234")
    assert kiosk.screen == "message" and "予約がありません" in kiosk.text()
