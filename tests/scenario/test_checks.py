"""Expectations checked against what was seen, without an app: each broken one is one line."""

from __future__ import annotations

from pathlib import Path

from kiosk.scenario.checks import Seen, check, check_pdf, check_text, squash, words
from kiosk.scenario.steps import Expect

PAYMENT = """\
 ┌────────────────────────┐
 │ 住民票の写し 2通      │
 │ 合計 400円            │
 └────────────────────────┘
   ▔▔▔▔▔▔▔▔
"""


def test_only_the_fields_given_are_checked():
    assert check(Expect(), Seen("payment", PAYMENT, fee=None, change=999, printed=7)) == []
    assert check(Expect(screen="payment", fee=400), Seen("payment", PAYMENT, fee=400)) == []


def test_a_wrong_screen_names_both():
    assert check(Expect(screen="receipt"), Seen("payment", PAYMENT)) == [
        "expected screen 'receipt', got 'payment'"]


def test_text_expected_and_lacking():
    assert check_text(Expect(text=("合計 400円",), text_lacks=("個人番号",)), PAYMENT) == []
    assert check_text(Expect(text=("500円", "400円")), PAYMENT) == [
        "expected text '500円' on screen"]
    assert check_text(Expect(text_lacks=("400円", "個人番号")), PAYMENT) == [
        "did not expect text '400円' on screen"]


def test_text_is_found_across_wrapping_padding_and_borders():
    wrapped = "│ 返却金600円をお │\n│ 取りください    │\n"
    assert squash(wrapped) == "返却金600円をお取りください"
    assert check_text(Expect(text=("返却金600円をお取りください",)), wrapped) == []
    assert check_text(Expect(text_lacks=("お取りください",)), wrapped) == [
        "did not expect text 'お取りください' on screen"]


def test_fee_change_refund_and_printed_mismatches_say_what_was_seen():
    seen = Seen("take_away", "", fee=400, change=600, refund=0, printed=1)
    assert check(Expect(fee=500, change=600, refund=100, printed=2), seen) == [
        "expected fee 500, got 400", "expected refund 100, got 0", "expected printed 2, got 1"]
    assert check(Expect(fee=400), Seen("top", "")) == ["expected fee 400, got None"]
    assert check(Expect(change=0), Seen("top", "", change=50)) == ["expected change 0, got 50"]


def test_pin_tries_left_says_why_it_could_not_be_asked():
    assert check(Expect(pin_tries_left=3), Seen("pin", "", pin_tries_left="no card placed yet")) \
        == ["expected pin_tries_left 3, got no card placed yet"]
    assert check(Expect(pin_tries_left=2), Seen("pin", "", pin_tries_left=2)) == []


def test_pdf_expectations_need_a_certificate():
    assert check(Expect(pdf_text=("住民票",)), Seen("take_away", "")) == [
        "expected a printed certificate, none was printed"]
    assert check(Expect(pdf_lacks=("個人番号",)), Seen("take_away", "")) == [
        "expected a printed certificate, none was printed"]


def test_pdf_text_expected_and_lacking_across_lines():
    text = "住民票\n（写し）\n世帯主 続柄\f2 ページ"
    expect = Expect(pdf_text=("住民票（写し）", "本籍"), pdf_lacks=("世帯主続柄", "個人番号"))
    assert check_pdf(expect, "certificate-0001.pdf", text) == [
        "expected '本籍' in certificate-0001.pdf",
        "did not expect '世帯主続柄' in certificate-0001.pdf"]


def test_a_printed_pdf_is_read_for_its_text(tmp_path: Path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "certificate-0001.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Certificate of")
    canvas.drawString(72, 700, "residence")
    canvas.save()
    seen = Seen("take_away", "", certificate=path)
    assert check(Expect(pdf_text=("Certificate of residence",)), seen) == []
    assert check(Expect(pdf_text=("My Number",), pdf_lacks=("residence",)), seen) == [
        "expected 'My Number' in certificate-0001.pdf",
        "did not expect 'residence' in certificate-0001.pdf"]


def test_words_leave_out_the_borders_and_stop_at_the_limit():
    assert words(PAYMENT) == "住民票の写し 2通 合計 400円"
    assert words(PAYMENT, limit=8) == "住民票の写し …"
