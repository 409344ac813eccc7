"""課税(所得)証明書: the latest year's income, deductions and tax."""

from __future__ import annotations

from certificates_templates.documents import TaxCertificate, TaxLine
from certificates_templates.era import format_year
from certificates_templates.layouts.common import certificate, era, need, yen
from certificates_templates.toolkit import Cell, Composition, Grid, Spacer

SENTENCE = "上記のとおり相違ないことを証明する。"


def _amounts(heading: str, lines: tuple[TaxLine, ...]) -> Grid:
    cells = [Cell(line.label, yen(line.yen), label_width=110) for line in lines] or \
            [Cell(None, "該当なし")]
    rows = tuple(tuple(cells[i:i + 2]) for i in range(0, len(cells), 2))
    return Grid(rows, heading=heading)


def compose(doc: TaxCertificate, substituted: bool) -> Composition:
    person = Grid((
        (Cell("住所", need(doc.address, "住所"), size=11),),
        (Cell("氏名", need(doc.name, "氏名"), weight=2, size=12.5, max_lines=1),
         Cell("生年月日", era(need(doc.birth_date, "生年月日")))),
    ))
    return certificate(
        doc, SENTENCE, substituted,
        subtitle=(f"{format_year(doc.fiscal_year, '年度')}"
                  f"（{format_year(doc.fiscal_year - 1, '年')}中の所得）"),
        body=(person, Spacer(8), _amounts("所得の内訳", doc.income), Spacer(6),
              _amounts("所得控除", doc.deductions), Spacer(6), _amounts("税額", doc.tax)),
    )
