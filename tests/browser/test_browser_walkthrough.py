"""Leaflet 001's walkthrough in a real browser: Debian's headless Chromium on `kiosk serve`.

Every step is what a person at the demo does with the screen: taps (mouse presses at the
pixels where a button's label is drawn), F9 for the card tray and its buttons, the on-screen
coins. Each step waits for the next screen's words, and leaves a screenshot in
var/browser/<width>x<height>/. The outcome is read from the kiosk's own records: the PDFs in
the output tray and the centre's daily report.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from backend.admin import daily_report, owed_refund_list
from backend.db import Database
from backend.demo_data import DEFAULT_KIOSK_ID
from backend.document_keys import load_public_key
from certificates_templates.verification import verify_pdf
from tests.browser.conftest import SCREENSHOTS, ServedKiosk
from tests.browser.kiosk_page import KioskPage

DEMO_DAY = date(2026, 6, 10)


@dataclass(frozen=True)
class Step:
    """Press `taps` (button labels) or `key`, then wait until the screen shows `then`."""

    shot: str
    then: tuple[str, ...]
    taps: tuple[str, ...] = ()
    key: str | None = None


def tap(label: str, then: str | tuple[str, ...], shot: str) -> Step:
    return Step(shot, (then,) if isinstance(then, str) else then, taps=(label,))


# The printouts are taken from the printer, which has no on-screen part: they stay in the
# output tray, where the checks below read them.
WALKTHROUGH = (
    tap("行政サービス", "ご利用上の同意事項", "terms"),
    tap("同意する", "サービスを選択してください", "service-menu"),
    tap("証明書交付サービス", "カード置場に置いてください", "place-card"),             # ①
    Step("card-tray", ("カードトレイ", "izumi-taro和泉太郎PIN1234残り3回"), key="F9"),
    tap("izumi-taro", "お住まいの市区町村の証明書", "municipality"),                 # ②
    tap("お住まいの市区町村の証明書", "暗証番号（数字4ケタ）", "pin"),                # ③
    Step("pin-entered", ("●●●●",), taps=("1", "2", "3", "4")),                   # ④
    tap("確定する", "カードを取り外してください", "remove-card"),
    Step("card-tray-again", ("リーダー上:izumi-taro",), key="F9"),
    tap("カードを取る", ("住民票の写し200円",), "certificate"),                       # ⑤
    tap("住民票の写し", "世帯全員", "issuance-kind"),                                 # ⑥
    tap("世帯全員", "記載項目を選択", "fields"),                                     # ⑦
    tap("確定する", "部数（最大10部）＿部", "copies"),                                # ⑧
    tap("2", "部数（最大10部）2部", "copies-entered"),                               # ⑨
    tap("確定する", ("必要部数2部", "合計金額400円"), "confirm"),
    tap("確定する", "不足金額400円", "payment"),                                     # ⑩
    tap("100円", "投入金額100円", "coin-1"),                                        # ⑪
    tap("100円", "投入金額200円", "coin-2"),
    tap("100円", "投入金額300円", "coin-3"),
    tap("100円", "証明書をお取りください", "take-away"),                             # ⑫ → ⑬
    tap("受け取りました（音声停止）", "領収書が出ますので", "receipt"),                 # ⑭
    tap("終了", "ご利用になるサービスを選択してください", "top-again"),
    # F12 is the browser's own (developer tools): F8 opens the staff panel here
    Step("staff-panel", ("係員メニュー", "プリンタ:正常", "釣銭:500円×"), key="F8"),
    tap("閉じる", "ご利用になるサービスを選択してください", "top-after-staff"),
)

SIZES = [(1280, 800), (1024, 768)]     # a kiosk's screen; a tablet's


def play(page: KioskPage, steps: tuple[Step, ...]) -> None:
    page.wait_for("行政サービス")
    page.screenshot("top")
    # xterm.js draws with the browser's fonts: the kanji come from a system CJK font (set-up's
    # IPAex Gothic), not as empty boxes.
    assert "IPAexGothic" in page.fonts_for("証明書交付サービス"), page.fonts_for("証明書")
    for step in steps:
        if step.key:
            page.press(step.key)
        for label in step.taps:
            page.tap(label)
        page.wait_for(*step.then)
        page.screenshot(step.shot)


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_leaflet_walkthrough_by_taps_in_chromium(served_kiosk: ServedKiosk,
                                                     size: tuple[int, int]) -> None:
    shots = SCREENSHOTS / f"{size[0]}x{size[1]}"
    shutil.rmtree(shots, ignore_errors=True)
    started = time.monotonic()
    page = served_kiosk.page(size, shots)
    try:
        play(page, WALKTHROUGH)
    finally:
        page.close()
    played = time.monotonic() - started
    output = served_kiosk.stopped()
    assert "Traceback" not in output and "Error" not in output, output
    assert played < 90, f"the walkthrough took {played:.0f} s in the browser"

    tray = served_kiosk.paths.output_tray
    certificates = sorted(tray.glob("certificate-*.pdf"))
    assert len(certificates) == 2, sorted(p.name for p in tray.iterdir())
    assert len(list(tray.glob("receipt-*.pdf"))) == 1
    for certificate in certificates:
        text = pdf_text(certificate).replace(" ", "").replace("\r\n", "")
        assert "住民票" in text and "和泉" in text, text[:200]
        result = verify_pdf(certificate.read_bytes(),
                            lambda code: load_public_key(served_kiosk.paths, code))
        assert result.genuine, result.verdict

    # The ledger, as `kiosk admin report` reads it, opened read-only.
    ledger = Database(f"sqlite:///file:{served_kiosk.paths.database_file}?mode=ro&uri=true")
    try:
        [row] = daily_report(ledger, DEMO_DAY, DEFAULT_KIOSK_ID)
        assert (row.sessions, row.copies) == (1, {"juminhyo": 2})
        assert (row.yen_in, row.fees, row.change, row.refunds, row.owed) == (400, 400, 0, 0, 0)
        assert owed_refund_list(ledger) == []
    finally:
        ledger.dispose()
