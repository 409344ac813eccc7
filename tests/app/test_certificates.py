"""Each certificate through the app to the printed PDF, residence and 本籍地 scope."""

from __future__ import annotations

import subprocess

import pytest

from backend.reasons import Reason
from tests.app.conftest import Drive


async def _buy(kiosk: Drive, certificate: str, copies: str = "1") -> None:
    await kiosk.tap(f"#cert-{certificate}")
    if kiosk.screen == "issuance_kind":
        await kiosk.tap("#body Button")          # the first kind offered
    if kiosk.screen == "members":                # whose (世帯の一部, 戸籍個人事項証明書): the first
        await kiosk.tap(".member")
        await kiosk.tap("#confirm")
    if kiosk.screen == "fields":
        await kiosk.tap("#confirm")
    assert kiosk.screen == "copies", kiosk.text()
    await kiosk.keys(*copies)
    await kiosk.tap("#confirm")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "payment"
    await kiosk.insert(*([1000] * (kiosk.app.terminal.flow.context.total_yen // 1000 + 1)))
    assert kiosk.screen == "take_away", kiosk.text()
    await kiosk.tap("#stop-voice")
    await kiosk.tap("#done")
    assert kiosk.screen == "top"


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("card, pin, certificate, title", [
    ("izumi-taro", "1234", "juminhyo", "住民票"),
    ("izumi-taro", "1234", "inkan", "印鑑登録証明書"),
    ("izumi-taro", "1234", "koseki_zenbu", "全部事項証明"),
    ("izumi-taro", "1234", "koseki_kojin", "個人事項証明"),
    ("izumi-taro", "1234", "fuhyo", "附票"),
    ("tomakomai-yoko", "8642", "kazei", "証明"),
])
async def test_each_certificate_prints(kiosk, card, pin, certificate, title) -> None:
    await kiosk.to_certificate(card, pin)
    await _buy(kiosk, certificate)
    printed = kiosk.app.terminal.devices.printer.take()
    assert [p.name.split("-")[0] for p in printed] == ["certificate", "receipt"]
    text = pdf_text(printed[0]).replace(" ", "")
    assert title in text


async def test_honseki_scope_with_registration(kiosk) -> None:
    await kiosk.to_pin("arakawa-haruto", scope="honseki")
    await kiosk.pin("2468")
    await kiosk.remove_card()
    assert kiosk.screen == "certificate"
    offered = {o.certificate.value for o in kiosk.app.terminal.flow.context.offerings}
    assert offered and offered <= {"koseki_zenbu", "koseki_kojin", "fuhyo"}
    assert "450円" in kiosk.text()                     # Tomakomai's 戸籍 fee


async def test_honseki_scope_without_registration_is_refused(kiosk) -> None:
    await kiosk.to_pin("arakawa-mei", scope="honseki")
    await kiosk.pin("1357")
    assert kiosk.screen == "message"
    assert kiosk.app.terminal.flow.context.message == Reason.NEEDS_HONSEKI_REGISTRATION
    assert "利用登録" in kiosk.text()
