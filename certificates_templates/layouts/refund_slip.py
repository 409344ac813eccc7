"""返金できませんでした: the slip for a refund the coin vendor could not pay (staff settle it)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A6

from certificates_templates.documents import RefundSlip
from certificates_templates.era import format_date
from certificates_templates.layouts.common import yen
from certificates_templates.toolkit import Cell, Composition, Grid, Paragraph


def compose(doc: RefundSlip, substituted: bool) -> Composition:
    at = doc.issued_at
    rows = (
        (Cell("返金額", yen(doc.yen), label_width=60),),
        (Cell("取引", doc.reference, font="gothic", label_width=60),),
        (Cell("日時", f"{format_date(at.date())} {at:%H:%M}", label_width=60),),
        (Cell("店舗", doc.store, label_width=60),),
        (Cell("端末", doc.kiosk_id, font="gothic", label_width=60),),
    )
    body = (Paragraph("釣銭機の不具合により、返金できませんでした。", size=9, align="centre",
                      after=4),
            Grid(rows, min_row=16),
            Paragraph("この控えを店員にお見せください。返金は店舗でお受け取りいただけます。",
                      size=8, font="gothic", before=6, after=0))
    return Composition(title=doc.title, body=body, secured=False, page_size=A6, margin=20)
