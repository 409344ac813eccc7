"""戸籍: 全部事項証明書 / 個人事項証明書 (the 附票 is `family_register_addresses`).

本籍 and 筆頭者 in the header of every page, and one table per person."""

from __future__ import annotations

from certificates_templates.documents import FamilyRegister, RegisterEvent, RegisterPerson
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.toolkit import Cell, Composition, Grid

WHOLE = "これは、戸籍に記録されている事項の全部を証明した書面である。"
PART = "これは、戸籍中の一部の者について記録されている事項を証明した書面である。"


def _header(honseki: str, hittosha: str) -> Grid:
    return Grid(((Cell("本籍", need(honseki, "本籍"), weight=2.2),
                  Cell("氏名", need(hittosha, "筆頭者"), label_width=40)),))


def _events(events: tuple[RegisterEvent, ...]) -> list[tuple[Cell, ...]]:
    return [(Cell(f"【{e.label}】", e.detail, label_width=90, max_lines=3),) for e in events]


def _person(p: RegisterPerson) -> Grid:
    rows: list[tuple[Cell, ...]] = [
        (Cell("名", need(p.name, "氏名"), weight=1.6, size=12, max_lines=1),
         Cell("生年月日", era(need(p.birth_date, "生年月日")), weight=1.4)),
        (Cell("父", p.father), Cell("母", p.mother),
         Cell("続柄", p.relation, weight=0.7, label_width=36)),
    ]
    return Grid(tuple(rows + _events(p.events)), heading="戸籍に記録されている者")


def compose_register(doc: FamilyRegister, substituted: bool) -> Composition:
    need(doc.persons, "persons")
    body = [Grid(tuple(_events(doc.register_events)), heading="戸籍事項")] if doc.register_events else []
    body += [_person(p) for p in doc.persons]
    return certificate(
        doc, WHOLE if doc.whole else PART, substituted,
        subtitle="（全部事項証明）" if doc.whole else "（個人事項証明）",
        header=(_header(doc.honseki, doc.hittosha),),
        body=tuple(body),
    )

