"""住民票の写し: the household address in the header of every page, one table per person.

The items are those of 住民基本台帳法 §7 (§30の45 for a foreign resident): 氏名, 生年月日,
性別, 住民となった年月日 (外国人住民となった年月日), 住所を定めた年月日, the latest change's
異動事由 and 届出日, 前住所 where that change had one (転入, 転居; a birth has none); 旧氏 and
通称 where registered; 国籍・地域, the §30の45 区分, 在留資格, 在留期間等 and its 満了の日 for a
foreign resident; and what ⑧ chose: 世帯主・続柄, 本籍・筆頭者, 個人番号, 在留カード等の番号.
Every person's table stands on the same three columns, so its lines run straight down.
"""

from __future__ import annotations

from certificates_templates.documents import ForeignResidence, ResidentEntry, ResidentRecord
from certificates_templates.layouts.columns import ColumnGrid, Span, blank_below, same_labels
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.toolkit import Cell, Composition, Grid

SENTENCE = "この写しは、住民票の原本と相違ないことを証明する。"
COLUMNS = (0.47, 0.40, 0.13)       # 氏名 | 生年月日 | 性別, and every row below on the same lines
Row = tuple[Cell | Span, ...]


def _pair(left: Cell | None, right: Cell | None) -> list[Row]:
    """One row of two items on the first column and the other two; one item alone spans all."""
    if left and right:
        return [(left, Span(right, 2))]
    alone = left or right
    return [(Span(alone, 3),)] if alone else []


def _moves(p: ResidentEntry) -> list[Row]:
    """異動事由 and 届出日, and 前住所 as 「…から転入」 where the change had one."""
    rows = _pair(Cell("異動事由", p.move_reason) if p.move_reason else None,
                 Cell("届出日", era(p.notified_on)) if p.notified_on else None)
    if p.previous_address:
        came = f"から{p.move_reason}" if p.move_reason in ("転入", "転居") else ""
        rows.append((Span(Cell("前住所", p.previous_address + came, max_lines=3), 3),))
    return rows


def _foreign(no: int, f: ForeignResidence, card: bool) -> list[Row]:
    """§30の45: 国籍・地域 and 区分 always, 在留資格・在留期間等 where the 区分 has them."""
    rows = _pair(Cell("国籍・地域", need(f.nationality, f"person {no}: 国籍・地域")),
                 Cell("第30条の45に規定する区分", need(f.category, f"person {no}: 区分")))
    rows += _pair(Cell("在留資格", f.status) if f.status else None,
                  Cell("在留期間等", f.period) if f.period else None)
    rows += _pair(Cell("在留期間の満了の日", era(f.period_expires_on)) if f.period_expires_on else None,
                  Cell("在留カード等の番号", need(f.residence_card_no, f"person {no}: 在留カード等の番号"),
                       font="gothic") if card else None)
    return rows


def _person(no: int, p: ResidentEntry, doc: ResidentRecord) -> ColumnGrid:
    opts = doc.options
    need(p.name, f"person {no}: 氏名")
    need(p.birth_date, f"person {no}: 生年月日")
    rows: list[Row] = [
        (Cell("氏名", p.name, size=12, max_lines=1),
         Cell("生年月日", era(p.birth_date)),
         Cell("性別", need(p.sex, f"person {no}: 性別"), label_width=30)),
    ]
    if p.common_name:
        rows.append((Span(Cell("通称", p.common_name, size=12, max_lines=1), 3),))
    rows += _pair(Cell("旧氏", p.former_surname) if p.former_surname else None,
                  Cell("続柄", need(p.relation, f"person {no}: 続柄"))
                  if opts.head_and_relation else None)
    if opts.my_number:
        rows += _pair(Cell("個人番号", need(p.my_number, f"person {no}: 個人番号"), font="gothic"),
                      None)
    if p.foreign:
        rows += _foreign(no, p.foreign, opts.residence_card)
        since = Cell("外国人住民となった年月日", era(p.foreign.since or p.became_resident_on))
    else:
        since = Cell("住民となった年月日", era(p.became_resident_on))
    rows += _pair(since, Cell("住所を定めた年月日", era(p.address_fixed_on)))
    rows += _moves(p)
    if opts.honseki and not p.foreign:
        rows += _pair(Cell("本籍", need(p.honseki, f"person {no}: 本籍")),
                      Cell("筆頭者", need(p.hittosha, f"person {no}: 筆頭者")))
    return ColumnGrid(COLUMNS, tuple(rows), heading=f"{no}")


def compose(doc: ResidentRecord, substituted: bool) -> Composition:
    need(doc.persons, "persons (an empty household has no copy)")
    header_rows: list[tuple[Cell, ...]] = [(Cell("住所", need(doc.address, "住所"), size=11),)]
    if doc.options.head_and_relation:
        header_rows.append((Cell("世帯主", need(doc.household_head, "世帯主")),))
    tables = same_labels([_person(i, p, doc) for i, p in enumerate(doc.persons, start=1)])
    last = blank_below(tables.pop())
    return certificate(
        doc, SENTENCE, substituted,
        subtitle=f"（{doc.scope_label}）",
        header=(Grid(tuple(header_rows)),),
        body=(*tables, last),
    )
