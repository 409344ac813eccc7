"""住民票の写し: the household address in the header of every page, one table per person."""

from __future__ import annotations

from certificates_templates.documents import ResidentEntry, ResidentRecord
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.toolkit import Cell, Composition, Grid

SENTENCE = "この写しは、住民票の原本と相違ないことを証明する。"
WIDE = 82.0  # labels of nine characters on one line


def _person(no: int, p: ResidentEntry, doc: ResidentRecord) -> Grid:
    opts = doc.options
    need(p.name, f"person {no}: 氏名")
    need(p.birth_date, f"person {no}: 生年月日")
    rows: list[tuple[Cell, ...]] = [
        (Cell("氏名", p.name, weight=2.2, size=12, max_lines=1),
         Cell("生年月日", era(p.birth_date), weight=1.5),
         Cell("性別", need(p.sex, f"person {no}: 性別"), weight=0.45, label_width=30)),
    ]
    second: list[Cell] = []
    if p.former_surname:
        second.append(Cell("旧氏", p.former_surname))
    if opts.head_and_relation:
        second.append(Cell("続柄", need(p.relation, f"person {no}: 続柄")))
    if opts.my_number:
        second.append(Cell("個人番号", need(p.my_number, f"person {no}: 個人番号"), font="gothic"))
    if second:
        rows.append(tuple(second))
    rows.append((Cell("住民となった年月日", era(p.became_resident_on), label_width=WIDE),
                 Cell("住所を定めた年月日", era(p.address_fixed_on), label_width=WIDE)))
    if p.previous_address:
        moved = (Cell("届出日", era(p.moved_in_notified_on), label_width=40),) \
            if p.moved_in_notified_on else ()
        rows.append((Cell("前住所", p.previous_address, weight=2.4),) + moved)
    if p.foreign:
        f = p.foreign
        rows.append((Cell("国籍・地域", need(f.nationality, f"person {no}: 国籍・地域")),))
        if opts.honseki:
            period = f.period + (f"（{era(f.period_expires_on)}まで）" if f.period_expires_on else "")
            rows.append((Cell("在留カード等の番号", f.residence_card_no, font="gothic", label_width=WIDE),
                         Cell("在留資格", f.status)))
            rows.append((Cell("在留期間", period),))
    elif opts.honseki:
        rows.append((Cell("本籍", need(p.honseki, f"person {no}: 本籍"), weight=2.2),
                     Cell("筆頭者", need(p.hittosha, f"person {no}: 筆頭者"), label_width=40)))
    return Grid(tuple(rows), heading=f"{no}")


def compose(doc: ResidentRecord, substituted: bool) -> Composition:
    need(doc.persons, "persons (an empty household has no copy)")
    header_rows: list[tuple[Cell, ...]] = [(Cell("住所", need(doc.address, "住所"), size=11),)]
    if doc.options.head_and_relation:
        header_rows.append((Cell("世帯主", need(doc.household_head, "世帯主")),))
    return certificate(
        doc, SENTENCE, substituted,
        subtitle=f"（{doc.scope_label}）",
        header=(Grid(tuple(header_rows)),),
        body=tuple(_person(i, p, doc) for i, p in enumerate(doc.persons, start=1)),
    )
