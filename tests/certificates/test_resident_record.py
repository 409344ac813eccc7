"""住民票の写し read back from the PDF (PDFium): chosen fields present, unchosen ones absent."""

import re
import subprocess
from dataclasses import replace

import pytest

from certificates_templates import render_certificate
from certificates_templates import documents as d
from certificates_templates.layouts import compose
from certificates_templates.toolkit import Composition

from .readback import read, text_of
from .samples import SIGNER, household, save_artifact


def _text(doc) -> str:
    return text_of(render_certificate(doc, SIGNER).pdf)


def test_every_chosen_field_is_printed():
    doc = household(4)
    rendered = render_certificate(doc, SIGNER)
    save_artifact("juminhyo-4-all-fields", rendered.pdf)
    text = text_of(rendered.pdf)
    assert "住民票の写し" in text and "世帯全員" in text
    assert doc.address in text and "世帯主" in text
    for p in doc.persons:
        assert "".join(p.name.split()) in text
        assert p.my_number in text
        assert p.relation in text
        assert p.honseki in text
    assert text.count(doc.persons[0].previous_address + "から転入") == 4
    assert "昭和25年1月1日" in text            # person 0's birth date, in the era
    assert "平成27年4月1日" in text            # 住民となった年月日 2015-04-01
    assert "この写しは、住民票の原本と相違ないことを証明する。" in text
    assert "令和8年6月10日" in text            # issue date 2026-06-10
    assert "大阪府和泉市長" in text and "泉野正道" in text
    assert f"1/{rendered.pages}" in text and "272191-T0001" in text


@pytest.mark.parametrize("options", [
    d.ResidentPrintOptions(),
    d.ResidentPrintOptions(head_and_relation=True),
    d.ResidentPrintOptions(honseki=True),
    d.ResidentPrintOptions(head_and_relation=True, honseki=True),
    d.ResidentPrintOptions(residence_card=True),
])
def test_unchosen_fields_are_absent_above_all_the_my_number(options):
    doc = household(3, options)
    text = _text(doc)
    for p in doc.persons:
        assert "".join(p.name.split()) in text
        assert p.my_number not in text
        assert not re.search(r"\d{12}", text.split("検証コード")[0])
    assert "個人番号" not in text
    assert ("本籍" in text) == options.honseki
    assert ("筆頭者" in text) == options.honseki
    assert (doc.persons[0].honseki in text) == options.honseki
    assert ("続柄" in text) == options.head_and_relation
    assert ("世帯主" in text) == options.head_and_relation
    assert "在留カード" not in text                   # nobody here has one


def test_my_number_only_when_chosen():
    doc = household(2, d.ResidentPrintOptions(my_number=True))
    text = _text(doc)
    assert "個人番号" in text and all(p.my_number in text for p in doc.persons)


def test_former_surname_is_printed_where_registered():
    doc = household(2)
    doc = replace(doc, persons=(replace(doc.persons[0], former_surname="山田"), doc.persons[1]))
    text = _text(doc)
    assert "旧氏山田" in text
    assert text.count("旧氏") == 1


def test_a_household_of_twelve_flows_over_pages_with_the_household_on_each():
    doc = household(12)
    rendered = render_certificate(doc, SIGNER)
    save_artifact("juminhyo-12", rendered.pdf)
    assert rendered.pages >= 2
    info = subprocess.run(["pdfinfo", "-"], input=rendered.pdf, capture_output=True, check=True).stdout
    assert re.search(rb"Pages:\s+%d\b" % (rendered.pages + rendered.back_pages), info)
    read_back = read(rendered.pdf, pixels=False)
    pages = ["".join(read_back[i].text.split()) for i in rendered.fronts]
    assert len(pages) == rendered.pages
    for n, page in enumerate(pages, start=1):
        assert f"{n}/{rendered.pages}" in page
        assert doc.address in page                       # household repeated in the header
        assert "住民票の写し" in page
    everything = "".join(pages)
    for p in doc.persons:
        assert everything.count(p.my_number) == 1       # each person once, none lost
    assert "原本と相違ない" in pages[-1] and "原本と相違ない" not in pages[0]
    assert everything.count("以下余白") == 1 and "以下余白" in pages[-1]


def test_page_count_is_what_the_layout_needs():
    # Each person's table is the same height here, so persons per page is fixed: the page count
    # is the smallest that holds them all with the certification on the last page.
    doc = household(12)
    comp: Composition = compose(doc)
    rendered = render_certificate(doc, SIGNER)
    first = "".join(read(rendered.pdf, pixels=False)[0].text.split())
    per_page = first.count("個人番号")
    assert per_page >= 2
    assert rendered.pages in ((12 + per_page - 1) // per_page, (12 + per_page - 1) // per_page + 1)
    assert len(comp.body) == 12


def test_japanese_font_is_embedded_as_a_subset():
    pdf = render_certificate(household(2), SIGNER).pdf
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    names = [r[0] for r in rows]
    assert any("IPAexMincho" in n for n in names) and any("IPAexGothic" in n for n in names)
    for r in rows:
        emb, sub = r[-5], r[-4]
        assert (emb, sub) == ("yes", "yes"), out
        assert re.match(r"[A-Z]{6}\+", r[0]), out
