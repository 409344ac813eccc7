"""印鑑登録証明書: the registered impression drawn in red, and who registered it."""

from __future__ import annotations

from reportlab.lib.units import mm

from certificates_templates.documents import SealCertificate
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.toolkit import Cell, Composition, Grid, SealBox, Spacer

SENTENCE = "この写しは、登録されている印影と相違ないことを証明する。"


def compose(doc: SealCertificate, substituted: bool) -> Composition:
    imp = doc.impression
    if imp.shape not in ("round", "square"):
        raise ValueError(f"seal shape must be round or square: {imp.shape!r}")
    size = min(max(imp.size_mm, 8.0), 30.0) * mm * 1.6   # drawn a little larger than life
    table = Grid((
        (Cell("登録番号", need(doc.registration_no, "登録番号"), font="gothic"),),
        (Cell("氏名", need(doc.name, "氏名"), weight=2.2, size=12.5, max_lines=1),
         Cell("性別", need(doc.sex, "性別"), weight=0.45, label_width=30)),
        (Cell("生年月日", era(need(doc.birth_date, "生年月日"))),),
        (Cell("住所", need(doc.address, "住所"), size=11),),
    ))
    return certificate(
        doc, SENTENCE, substituted,
        body=(SealBox(need(imp.text, "印影の文字"), imp.shape, size), Spacer(8), table),
    )
