"""Bad data: a clear error or a defined fallback, never a broken PDF."""

import logging
from dataclasses import replace

import pytest

from certificates_templates import DocumentDataError, render_certificate
from certificates_templates import documents as d
from certificates_templates.fonts import GETA, INSTALL_HINT, _register
from certificates_templates.verification import Verdict, verify_pdf

from .samples import KEY, META, SIGNER, flat, household, pdftotext, person, save_artifact, seal_certificate


def _genuine(pdf: bytes) -> bool:
    return verify_pdf(pdf, lambda code: KEY.public_key()).verdict is Verdict.GENUINE


def test_an_empty_household_is_an_error():
    with pytest.raises(DocumentDataError, match="empty household"):
        render_certificate(replace(household(1), persons=()), SIGNER)


@pytest.mark.parametrize("field", ["name", "birth_date", "sex"])
def test_a_missing_required_item_is_an_error(field):
    doc = household(1)
    broken = replace(doc.persons[0], **{field: None if field == "birth_date" else ""})
    with pytest.raises(DocumentDataError, match="person 1"):
        render_certificate(replace(doc, persons=(broken,)), SIGNER)


def test_my_number_chosen_but_missing_is_an_error():
    doc = household(1, d.ResidentPrintOptions(my_number=True))
    with pytest.raises(DocumentDataError, match="個人番号"):
        render_certificate(replace(doc, persons=(replace(doc.persons[0], my_number=None),)), SIGNER)


def test_very_long_name_and_address_shrink_and_wrap_but_stay_whole():
    long_name = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処　長久命の長助"
    long_address = ("大阪府和泉市府中町二丁目7番5号" + "グランドメゾン和泉府中駅前タワーレジデンス" * 4
                    + "1201号室")
    doc = replace(household(2), address=long_address,
                  persons=(person(0, name=long_name, previous_address=long_address), person(1)))
    rendered = render_certificate(doc, SIGNER)
    save_artifact("juminhyo-long", rendered.pdf)
    text = flat(pdftotext(rendered.pdf))
    assert flat(long_name) in text
    assert text.count(flat(long_address)) == 2
    assert _genuine(rendered.pdf)


def test_characters_outside_the_font_become_geta_with_a_note():
    doc = replace(household(1), persons=(person(0, name="𠮷田　太郎"),))
    rendered = render_certificate(doc, SIGNER)
    text = flat(pdftotext(rendered.pdf))
    assert f"{GETA}田太郎" in text
    assert "字形を表示できない文字" in text
    assert _genuine(rendered.pdf)


def test_a_bad_document_id_is_refused():
    with pytest.raises(ValueError):
        render_certificate(replace(seal_certificate(),
                                   meta=replace(META, document_id="ID WITH SPACE")), SIGNER)


def test_a_household_too_tall_for_any_page_is_an_error_not_a_broken_pdf():
    huge = "長" * 8000
    doc = replace(household(1), persons=(person(0, previous_address=huge),))
    with pytest.raises(DocumentDataError, match="taller than a page"):
        render_certificate(doc, SIGNER)


def test_without_font_files_the_cid_font_is_used_with_a_warning(caplog, tmp_path, monkeypatch):
    import certificates_templates.fonts as f

    monkeypatch.setattr(f, "_SEARCH_DIRS", ())
    with caplog.at_level(logging.WARNING):
        fallback = _register(str(tmp_path))
    assert not fallback.embedded and fallback.mincho == "HeiseiMin-W3"
    assert "fonts-ipaexfont" in caplog.text and INSTALL_HINT in caplog.text
    from certificates_templates.layouts import compose
    from certificates_templates.toolkit import render
    rendered = render(compose(household(2)), SIGNER, fontset=fallback)
    assert rendered.pdf.startswith(b"%PDF") and rendered.pages == 1
    assert "和泉" in pdftotext(rendered.pdf)
