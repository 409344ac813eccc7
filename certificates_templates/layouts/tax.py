"""市民税・道府県民税 課税（所得）証明書: the latest year's assessment, item by item.

収入 → 所得 by kind → 所得控除 by kind → 課税標準額 → 所得割 and 均等割 of the two taxes, and
the 扶養 the assessment counted: the items of a real certificate, each kind on the form even
where it is 0円.
"""

from __future__ import annotations

from certificates_templates.documents import LocalTax, TaxCertificate, TaxLine
from certificates_templates.era import format_year
from certificates_templates.layouts.columns import ColumnGrid, Span, blank_below, same_labels
from certificates_templates.layouts.common import certificate, era, need, yen
from certificates_templates.toolkit import Block, Cell, Composition, Spacer

SENTENCE = "上記のとおり相違ないことを証明する。"
HALVES = (0.5, 0.5)
TAX_COLUMNS = (0.22, 0.26, 0.26, 0.26)   # the tax | 所得割額 | 均等割額 | 税額
AMOUNT = 100.0                            # label width: 雑所得（公的年金等） on one line


def _amounts(heading: str, lines: tuple[TaxLine, ...], total: TaxLine | None = None) -> ColumnGrid:
    """Two items a row; the total (if any) on a row of its own."""
    cells = [Cell(line.label, yen(line.yen), label_width=AMOUNT) for line in lines]
    rows: list[tuple[Cell | Span, ...]] = [tuple(cells[i:i + 2]) for i in range(0, len(cells) - 1, 2)]
    if len(cells) % 2:
        rows.append((Span(cells[-1], 2),))
    if total is not None:
        rows.append((Span(Cell(total.label, yen(total.yen), label_width=AMOUNT), 2),))
    if not rows:
        rows = [(Span(Cell(None, "該当なし"), 2),)]
    return ColumnGrid(HALVES, tuple(rows), heading=heading)


def _dependants(doc: TaxCertificate) -> ColumnGrid:
    d = doc.dependants
    return ColumnGrid((1, 1, 1), ((
        Cell("控除対象配偶者", "有" if d.spouse else "無"),
        Cell("扶養親族", f"{d.relatives}人"),
        Cell("16歳未満扶養親族", f"{d.young}人"),
    ),), heading="扶養の状況")


def _tax_row(tax: LocalTax) -> tuple[Cell, ...]:
    return (Cell(None, need(tax.name, "税目")), Cell("所得割額", yen(tax.income_levy)),
            Cell("均等割額", yen(tax.per_capita)), Cell("税額", yen(tax.total)))


def _taxes(doc: TaxCertificate) -> ColumnGrid:
    total = doc.municipal.total + doc.prefectural.total
    return ColumnGrid(TAX_COLUMNS, (
        (Span(Cell("課税標準額", yen(doc.taxable_income), label_width=AMOUNT), 4),),  # under 総所得金額
        _tax_row(doc.municipal),
        _tax_row(doc.prefectural),
        (Span(Cell(None, "年税額（合計）"), 3), Cell("税額", yen(total))),
    ), heading="税額")


def compose(doc: TaxCertificate, substituted: bool) -> Composition:
    person = ColumnGrid(HALVES, (
        (Span(Cell("住所", need(doc.address, "住所"), size=11), 2),),
        (Cell("氏名", need(doc.name, "氏名"), size=12.5, max_lines=1),
         Cell("生年月日", era(need(doc.birth_date, "生年月日")))),
    ))
    # The tables on two halves share their label lines, one under the other.
    person, revenue, income, deductions = same_labels([
        person,
        _amounts("収入金額", doc.revenue),
        _amounts("所得金額", doc.income, TaxLine("総所得金額", doc.total_income)),
        _amounts("所得控除額", doc.deductions,
                 TaxLine("所得控除額合計", sum(line.yen for line in doc.deductions)))])
    body: tuple[Block, ...] = (
        person, Spacer(8), revenue, Spacer(6), income, Spacer(6), deductions, Spacer(6),
        _dependants(doc), Spacer(6), blank_below(_taxes(doc)),
    )
    return certificate(
        doc, SENTENCE, substituted,
        subtitle=(f"{format_year(doc.fiscal_year, '年度')}"
                  f"（{format_year(doc.fiscal_year - 1, '年')}中の所得）"),
        body=body,
    )
