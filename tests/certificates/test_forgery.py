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
    pages = forgery.page_count(genuine)
    spans = [forgery.content_stream_span(genuine, 0), forgery.content_stream_span(genuine, pages - 1)]
    flips = [(offset, mask) for start, end in spans for offset in _offsets(start, end, 10)
             for mask in (0xFF, 0x01)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(
            lambda flip: verify_pdf(forgery.flip(genuine, *flip), _lookup).verdict, flips))
    assert Verdict.GENUINE not in verdicts
    assert set(verdicts) <= {Verdict.ALTERED, Verdict.UNREADABLE, Verdict.DAMAGED_CODE,
                             Verdict.NO_CODE}, verdicts


def test_a_back_page_from_another_certificate(genuine):
    other = render_certificate(household(3), SIGNER).pdf
    result = verify_pdf(forgery.swap_back(genuine, other), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    assert any(d.kind is Kind.AREA and d.page == 1 for d in result.differences)


def test_a_back_page_from_a_sibling_copy(copies):
    # Same record, another copy's verification code: this front's 発行番号 is not that copy's.
    result = verify_pdf(forgery.swap_back(copies[0], copies[1]), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    # Every front page prints the copy's verification code, and only the fronts differ.
    fronts = forgery.page_count(copies[0]) - 1
    assert all(not d.back and d.page <= fronts for d in result.differences), result
    assert {d.page for d in result.differences if d.kind is Kind.AREA} == set(range(1, fronts + 1))


def test_without_its_back_page_it_says_the_record_is_missing(genuine):
    removed = forgery.pages(genuine, [0])
    moved = forgery.pages(genuine, [1, 0])
    appended = forgery.pages(genuine, [0, 1], extra=render_receipt(receipt()))
    for pdf in (removed, moved, appended):
        assert verify_pdf(pdf, _lookup).verdict is Verdict.DAMAGED_CODE
