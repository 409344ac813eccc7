"""領収書: a thermal-roll slip (80 mm wide, as long as it needs) of what was paid, where, when
and to whom. No personal data, no verification code, no internal ids: the store by its name,
the certificate's 発行番号 (what ties the slip to the paper), the municipality the fee is for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates.documents import Receipt
from certificates_templates.era import format_date
from certificates_templates.fonts import fonts
from certificates_templates.layouts.common import yen
from certificates_templates.toolkit import Block, Composition, Paragraph
from certificates_templates.toolkit.page import PLAIN_FOOTER_H, TITLE_H
from certificates_templates.toolkit.sheet import RULE, Measured, Placed, Sheet

ROLL_WIDTH = 80 * mm
MARGIN = 12.0


@dataclass(frozen=True)
class Pair:
    """One receipt line: what on the left, how much on the right."""

    label: str
    value: str
    size: float = 9.0
    indent: float = 0.0

    def measure(self, sheet: Sheet, width: float) -> Placed:
        height = self.size * 1.6

        def paint(sheet: Sheet, x: float, top: float) -> None:
            y = top - self.size * 1.2
            sheet.text(x + self.indent, y, self.label, size=self.size, font="gothic")
            sheet.text(x + width, y, self.value, size=self.size, font="gothic", align="right")

        return Measured(height, paint)


@dataclass(frozen=True)
class Rule:
    """A thin line across the roll between the slip's parts."""

    def measure(self, sheet: Sheet, width: float) -> Placed:
        def paint(sheet: Sheet, x: float, top: float) -> None:
            c = sheet.canvas
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(0.4)
            c.line(x, top - 4, x + width, top - 4)

        return Measured(8.0, paint)


def _small(text: str, **kw) -> Paragraph:
    return Paragraph(text, size=8, font="gothic", before=1, after=1, **kw)


def body(doc: Receipt) -> tuple[Block, ...]:
    at = doc.issued_at
    blocks: list[Block] = [
        _small(f"{format_date(at.date())} {at:%H:%M}"),
        _small(doc.store),
        Rule(),
        Paragraph(doc.certificate, size=10, font="gothic", before=2, after=1),
        Pair(f"{yen(doc.unit_fee)} × {doc.copies_printed}部", yen(doc.total_fee), indent=8),
    ]
    # 発行番号 run to 40 ASCII characters: one has the roll's line to itself
    blocks += [Paragraph(f"発行番号\n{d}", size=7.5, font="gothic", before=1, after=1, indent=8)
               for d in doc.document_ids]
    blocks += [Rule(), Pair("合計", yen(doc.total_fee), size=11), Pair("お預かり", yen(doc.paid)),
               Pair("おつり", yen(doc.change))]
    if doc.refunded:
        blocks.append(Pair("返金", yen(doc.refunded)))
    blocks += [Rule(), Pair("手数料の収納先", doc.municipality_name),
               _small("上記のとおり、証明書交付手数料として領収しました。")]
    if doc.refunded:
        unprinted = doc.copies_requested - doc.copies_printed
        blocks.append(_small(f"印刷できなかった{unprinted}部分の手数料{yen(doc.refunded)}を返金しました。"))
    blocks.append(Pair("取引番号", doc.transaction_no, size=8))
    return tuple(blocks)


def roll_length(blocks: tuple[Block, ...]) -> float:
    """The page height that holds the title, these blocks and the footer: measured as the
    renderer will measure them, at the roll's width."""
    fontset = fonts()
    scratch = Sheet(rl_canvas.Canvas(io.BytesIO(), pagesize=(ROLL_WIDTH, 1000.0)), fontset,
                    (ROLL_WIDTH, 1000.0))
    inner = ROLL_WIDTH - 2 * MARGIN
    content = sum(b.measure(scratch, inner).height for b in blocks)
    return 2 * MARGIN + TITLE_H + content + PLAIN_FOOTER_H + 2.0


def compose(doc: Receipt, substituted: bool) -> Composition:
    blocks = body(doc)
    return Composition(title=doc.title, body=blocks, secured=False,
                       page_size=(ROLL_WIDTH, roll_length(blocks)), margin=MARGIN)
