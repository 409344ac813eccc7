"""戸籍の附票の写し: 本籍 and 筆頭者 in the header of every page, then each person's addresses.

Every address the 附票 records for a person, oldest first, each with its 住所を定めた年月日;
the labels stand on one line in their cells and the columns run straight down.
"""

from __future__ import annotations

from certificates_templates.documents import AddressHistory, FamilyRegisterAddresses
from certificates_templates.layouts.columns import ColumnGrid, blank_below, same_labels
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.toolkit import Cell, Composition

ADDRESSES = "この写しは、戸籍の附票の原本と相違ないことを証明する。"
COLUMNS = (0.66, 0.34)   # 住所 | 住所を定めた年月日 (氏名 | 生年月日 above them)


def _header(doc: FamilyRegisterAddresses) -> ColumnGrid:
    return ColumnGrid(COLUMNS, ((Cell("本籍", need(doc.honseki, "本籍")),
                                 Cell("筆頭者", need(doc.hittosha, "筆頭者"))),))


def _person(no: int, p: AddressHistory) -> ColumnGrid:
    rows = [(Cell("氏名", need(p.name, f"person {no}: 氏名"), size=12, max_lines=1),
             Cell("生年月日", era(need(p.birth_date, f"person {no}: 生年月日"))))]
    rows += [(Cell("住所", e.address, max_lines=3), Cell("住所を定めた年月日", era(e.fixed_on)))
             for e in need(p.entries, f"person {no}: 住所")]
    return ColumnGrid(COLUMNS, tuple(rows), heading=f"{no}")


def compose(doc: FamilyRegisterAddresses, substituted: bool) -> Composition:
    need(doc.persons, "persons")
    header, *tables = same_labels([_header(doc)]
                                  + [_person(i, p) for i, p in enumerate(doc.persons, start=1)])
    last = blank_below(tables.pop())
    return certificate(doc, ADDRESSES, substituted, header=(header,), body=(*tables, last))
