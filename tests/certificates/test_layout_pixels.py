"""Where things land on the page, read from the rendered pixels and PDFium's character boxes:
every label on one line inside its cell, the 旧氏 row's column lines meeting the rows around
it, 以下余白 right under the last row, the receipt on an 80 mm roll."""

from dataclasses import replace
from datetime import date

import pytest
from reportlab.lib.units import mm

from certificates_templates import render_certificate, render_receipt
from certificates_templates import documents as d

from .readback import Page, cell_around, on_one_line, read, span
from .samples import FOREIGNER, SIGNER, fuhyo, household, person, receipt, tax_certificate

RESIDENT_LABELS = ("氏名", "生年月日", "性別", "旧氏", "続柄", "個人番号", "住民となった年月日",
                   "住所を定めた年月日", "異動事由", "届出日", "前住所", "本籍", "筆頭者", "通称",
                   "国籍・地域", "第30条の45に規定する区分", "在留資格", "在留期間等",
                   "在留期間の満了の日", "在留カード等の番号", "外国人住民となった年月日")
TAX_LABELS = ("給与収入", "公的年金等収入", "給与所得", "雑所得（公的年金等）", "営業等所得",
              "総所得金額", "社会保険料控除", "生命保険料控除", "配偶者控除", "扶養控除", "基礎控除",
              "所得控除額合計", "控除対象配偶者", "扶養親族", "16歳未満扶養親族", "課税標準額",
              "所得割額", "均等割額")
ADDRESS_LABELS = ("本籍", "筆頭者", "氏名", "生年月日", "住所", "住所を定めた年月日")


def _everyone() -> d.ResidentRecord:
    doc = household(2, d.ResidentPrintOptions(True, True, True, True))
    first = replace(doc.persons[0], former_surname="山田")
    return replace(doc, persons=(first, doc.persons[1], FOREIGNER))


def _pages(doc) -> list[Page]:
    return read(render_certificate(doc, SIGNER).pdf)


def _labels_fit(pages: list[Page], labels: tuple[str, ...]) -> int:
    """Every occurrence of each label stands on one line, clear of the rules above and below
    it. Returns how many were checked."""
    checked = 0
    for page in pages:
        for label in labels:
            for boxes in page.find(label):
                assert on_one_line(boxes), f"{label!r} wraps"
                top, bottom = cell_around(page, boxes)
                _, low, _, high = span(boxes)
                assert high < top - 0.5 and low > bottom + 0.5, (
                    f"{label!r} ({low:.1f}–{high:.1f}) touches its cell ({bottom:.1f}–{top:.1f})")
                checked += 1
    return checked


@pytest.mark.parametrize("kind, doc, labels", [
    ("住民票", _everyone(), RESIDENT_LABELS),
    ("課税", tax_certificate(), TAX_LABELS),
    ("附票", fuhyo(), ADDRESS_LABELS),
])
def test_every_label_stands_on_one_line_inside_its_cell(kind, doc, labels):
    pages = _pages(doc)
    flat = "".join("".join(p.text.split()) for p in pages)
    assert all(label in flat for label in labels), [x for x in labels if x not in flat]
    assert _labels_fit(pages, labels) >= len(labels)


def test_the_addresses_date_label_stays_in_its_cell_for_every_entry():
    doc = fuhyo()
    many = tuple(d.AddressEntry(f"大阪府和泉市府中町{i}丁目{i}番{i}号", date(2000 + i, 4, 1))
                 for i in range(1, 6))
    doc = replace(doc, persons=(replace(doc.persons[0], entries=many),))
    pages = _pages(doc)
    assert _labels_fit(pages, ("住所を定めた年月日",)) == 5


def _row_bands(page: Page, label: str) -> list[tuple[float, float]]:
    """The row holding `label` and the rows just above and below it: (top, bottom) each,
    from the horizontal rules crossed left of the label."""
    boxes = page.one(label)
    x = span(boxes)[0] - 1.2
    rules = page.rules_across(x, page.size[1] - 60, 60)
    top, bottom = cell_around(page, boxes)
    at = min(range(len(rules)), key=lambda i: abs(rules[i] - top))
    return [(rules[at - 1], rules[at]), (rules[at], rules[at + 1]), (rules[at + 1], rules[at + 2])]


def test_the_former_surname_rows_column_lines_meet_the_rows_around_it():
    page = _pages(_everyone())[0]
    (above, row, below) = _row_bands(page, "旧氏")
    left, right = 38.0, page.size[0] - 38.0

    def lines(band):
        return page.vertical_rules(left, right, band[0] - 1.0, band[1] + 1.0)

    here, over, under = lines(row), lines(above), lines(below)
    assert len(here) >= 4                      # both borders, and the cells' lines
    for x in here:
        assert any(abs(x - o) <= 0.5 for o in over + under), (x, over, under)
        # and the line runs on through the rule into the next row: no gap at the junction
        assert all(page.dark(x, y) for y in (row[0], row[1]))


def test_every_persons_table_stands_on_the_same_column_lines():
    page = _pages(_everyone())[0]
    rows = [cell_around(page, boxes) for boxes in page.find("氏名")]
    assert len(rows) >= 2
    lines = [page.vertical_rules(38.0, page.size[0] - 38.0, top - 1.0, bottom + 1.0)
             for top, bottom in rows]
    for other in lines[1:]:
        assert other == pytest.approx(lines[0], abs=0.3)


def test_the_taxable_incomes_label_line_is_the_incomes_above_it():
    page = _pages(tax_certificate())[0]

    def label_line(label: str) -> float:
        top, bottom = cell_around(page, page.one(label))
        lines = page.vertical_rules(38.0, page.size[0] - 38.0, top - 1.0, bottom + 1.0)
        return lines[1]                  # the left border, then the label's own line

    assert label_line("課税標準額") == pytest.approx(label_line("総所得金額"), abs=0.3)
    assert label_line("課税標準額") == pytest.approx(label_line("所得控除額合計"), abs=0.3)


@pytest.mark.parametrize("kind, doc", [
    ("住民票", household(3)), ("住民票 foreign", _everyone()), ("課税", tax_certificate()),
    ("附票", fuhyo()),
])
def test_blank_below_is_right_under_the_last_row(kind, doc):
    pages = _pages(doc)
    page = next(p for p in pages if p.find("以下余白"))
    boxes = page.one("以下余白")
    left, low, right, high = span(boxes)
    rules = page.rules_across((left + right) / 2, high + 14, high)
    assert rules, "no table right above 以下余白"
    border = rules[-1]
    # the rule above it is the table's bottom border: it runs the whole width
    assert all(page.dark(x, border) for x in range(45, int(page.size[0]) - 45, 10))
    # and nothing of the table is below it: the certification (on the last page) or the footer
    below = "".join(ch for ch, b in zip(page.text, page.boxes) if b[3] < low and not ch.isspace())
    assert not any(label in below for label in ("氏名", "生年月日", "住所", "所得"))
    assert below.startswith(doc_sentence(doc)) or page is not pages[-1]


def doc_sentence(doc) -> str:
    return {d.ResidentRecord: "この写しは、住民票", d.TaxCertificate: "上記のとおり",
            d.FamilyRegisterAddresses: "この写しは、戸籍の附票"}[type(doc)]


def test_the_receipt_is_a_roll_slip_with_the_store_once_and_no_internal_id():
    pdf = render_receipt(receipt())
    page = read(pdf)[0]
    width, height = page.size
    assert width == pytest.approx(80 * mm, abs=0.5) and 50 * mm < height < 160 * mm   # a roll, not A4
    # everything is on the paper, and the last line (the page number) near its foot
    lowest = min(b[1] for ch, b in zip(page.text, page.boxes) if not ch.isspace())
    assert 0 < lowest < 30
    assert max(b[2] for b in page.boxes) <= width
    flat = "".join(page.text.split())
    assert flat.count("セブン-イレブン") == 1 and "seven-izumi-fuchu" not in flat


def test_the_receipts_parts_are_ruled_apart_and_no_text_touches_a_rule():
    longest = "272191-" + "a51e85a0ee0aac56a99cba998628a540"     # 40 characters at most
    page = read(render_receipt(receipt(document_ids=(longest,))))[0]
    width = page.size[0]
    # the separators: rules across the roll (scanned at a quarter and three quarters across)
    rules = [y for y in page.rules_across(width / 4, page.size[1] - 50, 20)
             if page.dark(width * 3 / 4, y) and page.dark(14, y) and page.dark(width - 14, y)]
    assert len(rules) == 3
    for y in rules:
        assert not any(b[1] - 0.3 < y < b[3] + 0.3 for ch, b in zip(page.text, page.boxes)
                       if not ch.isspace()), y
    # the longest 発行番号 stands on one line of the roll
    assert on_one_line(page.one(longest))


def test_a_longer_receipt_is_a_longer_roll():
    short = read(render_receipt(receipt(refunded=0, copies_requested=2)))[0].size[1]
    longer = read(render_receipt(receipt()))[0].size[1]
    assert longer > short


def test_a_long_address_wraps_inside_the_former_address_cell():
    doc = replace(household(1), persons=(person(0, previous_address="京都府京都市中京区寺町通"
                                                "御池上る上本能寺前町488番地" * 3),))
    pages = _pages(doc)
    assert _labels_fit(pages, ("前住所",)) == 1
