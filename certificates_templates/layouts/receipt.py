"""領収書: what was paid for, where and when. No personal data, no verification code."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5

from certificates_templates.documents import Receipt
from certificates_templates.era import format_date
from certificates_templates.layouts.common import yen
from certificates_templates.toolkit import Block, Cell, Composition, Grid, Paragraph


def compose(doc: Receipt, substituted: bool) -> Composition:
    at = doc.issued_at
    rows = (
        (Cell("取引番号", doc.transaction_no, font="gothic", label_width=80),),
        (Cell("日時", f"{format_date(at.date())} {at:%H:%M}", label_width=80),),
        (Cell("店舗", f"{doc.store}（{doc.chain}）", label_width=80),),
        (Cell("端末", doc.kiosk_id, font="gothic", label_width=80),),
        (Cell("市区町村", doc.municipality_name, label_width=80),),
        (Cell("証明書", doc.certificate, label_width=80),),
        (Cell("部数", f"{doc.copies_printed}部（ご注文 {doc.copies_requested}部）", label_width=80),),
        (Cell("手数料", f"{yen(doc.unit_fee)} × {doc.copies_printed}部 = {yen(doc.total_fee)}",
              label_width=80),),
        (Cell("お預かり", yen(doc.paid), label_width=80),),
        (Cell("おつり", yen(doc.change), label_width=80),),
        (Cell("返金", yen(doc.refunded), label_width=80),),
    )
    body: list[Block] = [
        Paragraph(yen(doc.total_fee), size=18, align="centre", after=2),
        Paragraph("上記のとおり、証明書交付手数料として領収しました。", size=9, align="centre",
                  after=8),
        Grid(rows, min_row=17)]
    if doc.refunded:
        unprinted = doc.copies_requested - doc.copies_printed
        body.append(Paragraph(f"印刷できなかった{unprinted}部分の手数料 {yen(doc.refunded)}を返金しました。",
                              size=8, font="gothic", before=6, after=0))
    return Composition(title=doc.title, body=tuple(body), secured=False, page_size=A5, margin=30)
