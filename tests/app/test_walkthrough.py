"""Leaflet 001's walkthrough end to end: the real centre, the in-process card, real PDFs."""

from __future__ import annotations

from backend.api import CertificateCode
from kiosk.flow import Context


async def test_juminhyo_two_copies_end_to_end(kiosk) -> None:
    app = kiosk.app
    kiosk.mouse = True
    assert kiosk.screen == "top"
    await kiosk.to_certificate("izumi-taro", "1234")
    offers = {o.certificate: o for o in app.terminal.flow.context.offerings}
    assert offers[CertificateCode.RESIDENT_RECORD].available
    await kiosk.tap("#cert-juminhyo")
    assert kiosk.screen == "issuance_kind"
    await kiosk.tap("#kind-household_all")
    assert kiosk.screen == "fields"
    await kiosk.tap("#field-head_relation-yes")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "copies"
    await kiosk.keys("2")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"
    fee = offers[CertificateCode.RESIDENT_RECORD].fee_yen
    assert app.terminal.flow.context.quote.total_yen == 2 * fee
    assert f"{2 * fee:,}" in kiosk.text()
    await kiosk.tap("#confirm")
    assert kiosk.screen == "payment"
    await kiosk.insert(500)
    assert kiosk.screen == "take_away", kiosk.text()
    assert len(app.terminal.devices.printer.tray) == 2
    assert app.terminal.devices.speaker.repeating
    await kiosk.tap("#stop-voice")
    assert kiosk.screen == "receipt"
    assert not app.terminal.devices.speaker.repeating
    assert sum(app.terminal.take("change")) == 500 - 2 * fee
    certificates, receipt = app.terminal.take("certificates"), app.terminal.take("receipt")
    assert [p.name.split("-")[0] for p in certificates + receipt] == ["certificate"] * 2 + ["receipt"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in certificates + receipt)
    assert app.terminal.take("card") == [] and app.terminal.reminders() == []
    await kiosk.tap("#done")
    assert kiosk.screen == "top"
    assert app.terminal.flow.context == Context()
    assert app.terminal.errors == []
