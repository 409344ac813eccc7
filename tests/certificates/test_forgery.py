"""The forgery suite: every way of making a genuine certificate say something else, as a forger
with a PDF editor would — each must fail verification, with where; the genuine copies pass.

Positions are checked against where the forged words are (pdfplumber's boxes, in mm from the
page's top left): the verdict points at the change, not merely somewhere on the page."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from certificates_templates import render_certificate, render_receipt
from certificates_templates.findings import Kind
from certificates_templates.render import render_certificate_copies
from certificates_templates.verification import Verdict, verify_pdf
from kiosk.catalogue import difference_messages

from . import forgery
from .samples import KEY, SIGNER, household, receipt

NAME, MY_NUMBER, BIRTH = "和泉　花子", "987654321001", "昭和26年2月2日"


def _lookup(code):
    return KEY.public_key() if code == "272191" else None


@pytest.fixture(scope="module")
def copies() -> list[bytes]:
    ids = ["272191-F0001-01", "272191-F0001-02"]
    return [c.pdf for c in render_certificate_copies(household(4), SIGNER, ids)]


@pytest.fixture(scope="module")
def genuine(copies) -> bytes:
    return copies[0]


def _altered_at(pdf: bytes, genuine: bytes, *texts: str) -> None:
    """ALTERED, and every one of `texts` (where the genuine copy draws them) is reported."""
    result = verify_pdf(pdf, _lookup)
    assert result.verdict is Verdict.ALTERED, result
    areas = [d for d in result.differences if d.kind is Kind.AREA and d.page == 1]
    for text in texts:
        x0, y0, x1, y1 = forgery.find(genuine, text).mm_from_top_left()
        assert any(a.x_mm <= x1 + 1 and x0 - 1 <= a.x_mm + a.w_mm and
                   a.y_mm <= y1 + 1 and y0 - 1 <= a.y_mm + a.h_mm for a in areas), (text, areas)


def test_the_genuine_copies_pass(copies):
    for pdf in copies:
        result = verify_pdf(pdf, _lookup)
        assert result.verdict is Verdict.GENUINE and not result.differences, result


def test_a_white_box_over_a_name_and_the_my_number(genuine):
    _altered_at(forgery.white_box(genuine, NAME, MY_NUMBER), genuine, NAME, MY_NUMBER)


@pytest.mark.parametrize("colour", [(1, 1, 1), (0.3, 0.3, 0.3), (0.85, 0.1, 0.12)])
def test_a_recoloured_name(genuine, colour):
    _altered_at(forgery.recolour(genuine, NAME, colour), genuine, NAME)


def test_a_birth_date_moved_over_another_row(genuine):
    # onto the 個人番号 where the layout draws it, over its row
    birth, number = forgery.find(genuine, BIRTH), forgery.find(genuine, MY_NUMBER)
    moved = forgery.move(genuine, BIRTH, number.x0 - birth.x0, number.y0 - birth.y0)
    _altered_at(moved, genuine, BIRTH, MY_NUMBER)


def test_an_overlay_appended_after_the_verification_block(genuine):
    forged = forgery.overlay(genuine, MY_NUMBER, b"123456789012")
    assert len(forged) > len(genuine) and forged.startswith(genuine)   # an incremental update
    _altered_at(forged, genuine, MY_NUMBER)
    kinds = {d.kind for d in verify_pdf(forged, _lookup).differences}
    assert Kind.TEXT in kinds                   # and its text is not what the page showed


def _offsets(start: int, end: int, n: int) -> list[int]:
    return sorted({start + (end - start) * i // n for i in range(n)} | {start, end - 1})


def test_byte_flips_in_the_drawing_instructions_are_never_genuine(genuine):
    # Every page's stream, fronts and backs: a flipped byte of deflated data is a damaged
    # stream — 読めません, never 本物 nor a misleading 検証コードがありません.
    spans = [forgery.content_stream_span(genuine, page)
             for page in range(forgery.page_count(genuine))]
    flips = [(offset, mask) for start, end in spans for offset in _offsets(start, end, 3)
             for mask in (0xFF, 0x01)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(
            lambda flip: verify_pdf(forgery.flip(genuine, *flip), _lookup).verdict, flips))
    assert set(verdicts) <= {Verdict.ALTERED, Verdict.UNREADABLE}, verdicts


@pytest.mark.parametrize("where, mask", [
    ("digit", 0x01),        # 9876543210…: one digit another (its own glyph code)
    ("digit", 0x08),
    ("x", 0x04),            # the line's x coordinate: the number drawn elsewhere
    ("y", 0x02),
])
def test_a_byte_flipped_in_the_inflated_drawing_is_altered_where_it_shows(genuine, where, mask):
    line = forgery._text_line(forgery.pdf_content(genuine), forgery.find(genuine, MY_NUMBER).origin)
    at = {"digit": line[0].index(MY_NUMBER.encode()) + 5,
          "x": line.start(1) - line.start() + 1, "y": line.start(2) - line.start() + 1}[where]
    _altered_at(forgery.flip_in_drawing(genuine, MY_NUMBER, at, mask), genuine, MY_NUMBER)


def test_a_back_page_from_another_certificate(genuine):
    other = render_certificate(household(3), SIGNER).pdf
    result = verify_pdf(forgery.swap_back(genuine, other), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    assert any(d.kind is Kind.AREA and d.page == 1 for d in result.differences)


def test_the_first_sheets_back_from_another_certificate(genuine):
    # The last back is this certificate's own: its record draws the first sheet's back, whose
    # codes are not the ones on the page handed in — there, on that back.
    other = render_certificate(household(5), SIGNER).pdf
    assert forgery.page_count(genuine) >= 4
    result = verify_pdf(forgery.swap_back(genuine, other, sheet=0), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    x0, y0, x1, y1 = forgery.record_code_box(genuine)
    top = forgery.find(genuine, "住民票の写し").page_height
    areas = [d for d in result.differences if d.kind is Kind.AREA]
    assert areas and all(d.page == 2 and d.back for d in areas), result
    assert any(d.x_mm <= x1 / forgery.MM and x0 / forgery.MM <= d.x_mm + d.w_mm and
               d.y_mm <= (top - y0) / forgery.MM and (top - y1) / forgery.MM <= d.y_mm + d.h_mm
               for d in areas), areas
    said = [m.ja for m in difference_messages(result)]
    assert said and all(m.startswith("1枚目の裏面の") for m in said), said


def test_a_back_page_from_a_sibling_copy(copies):
    # Same record, another copy's verification code: this copy's 発行番号 is not that copy's.
    result = verify_pdf(forgery.swap_back(copies[0], copies[1]), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    # Every page prints the copy's own marks: all but the swapped last back differ.
    pages = forgery.page_count(copies[0])
    assert {d.page for d in result.differences if d.kind is Kind.AREA} == set(range(1, pages))
    assert {d.back for d in result.differences} == {False, True}


def test_a_sheet_taken_out(genuine):
    # The first sheet alone, front and back: its back's record says there are more.
    result = verify_pdf(forgery.pages(genuine, [0, 1]), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    pages = forgery.page_count(genuine)
    assert any(d.kind is Kind.PAGES and d.found == 2 and d.expected == pages
               for d in result.differences), result


def test_without_its_back_page_it_says_the_record_is_missing(genuine):
    removed = forgery.pages(genuine, [0])
    moved = forgery.pages(genuine, [1, 0])
    appended = forgery.pages(genuine, [0, 1], extra=render_receipt(receipt()))
    for pdf in (removed, moved, appended):
        assert verify_pdf(pdf, _lookup).verdict is Verdict.DAMAGED_CODE


def test_the_sheets_in_another_order(genuine):
    # Each back carries the whole record: the codes read, and every sheet is where it is not.
    swapped = forgery.pages(genuine, [2, 3, 0, 1])
    result = verify_pdf(swapped, _lookup)
    assert result.verdict is Verdict.ALTERED, result
    assert {d.page for d in result.differences if d.kind is Kind.AREA} == {1, 2, 3, 4}
