"""戸籍: 全部事項証明書 / 個人事項証明書 (the 附票 is `family_register_addresses`).

Both carry 本籍 and 筆頭者 in the header of every page. The 戸籍 prints as the computerised
form does (戸籍法施行規則 付録第二十二号様式): 戸籍事項 (戸籍編製 【編製日】), then each person's
【名】【生年月日】【配偶者区分】【父】【母】【続柄】 and 身分事項 (出生, 婚姻, 分籍), a person who
left boxed 除籍; 以下余白 after the last."""

from __future__ import annotations

from datetime import date

from certificates_templates.documents import (
    FamilyRegister, RegisterEvent, RegisterItem, RegisterPerson,
)
from certificates_templates.layouts.common import certificate, era, need
from certificates_templates.layouts.register_frame import FramedSection, Part, Row
from certificates_templates.toolkit import Block, Composition, Paragraph

# The 付記 of 戸籍法施行規則 付録第二十三号様式: 全部事項証明書, 個人事項証明書.
WHOLE = "これは、戸籍に記録されている事項の全部を証明した書面である。"
PART = "これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。"
REMOVED = "除　籍"
END = "以下余白"


def _spaced(word: str) -> str:
    """出生 → 出　生: the form spaces two-character headings to the width of four."""
    return "　".join(word) if len(word) == 2 else word


def _item(item: RegisterItem) -> str:
    value = era(item.value) if isinstance(item.value, date) else item.value
    return f"【{item.label}】{need(value, item.label)}"


def _rows(events: tuple[RegisterEvent, ...]) -> tuple[Row, ...]:
    return tuple(Row(_spaced(e.label), tuple(_item(i) for i in e.items)) for e in events)


def _register_header(honseki: str, hittosha: str) -> FramedSection:
    return FramedSection((Part("本　　籍", (Row("", (need(honseki, "本籍"),)),)),
                          Part("氏　　名", (Row("", (need(hittosha, "筆頭者"),)),))),
                         name_width=0)


def _person(p: RegisterPerson) -> FramedSection:
    born = f"【生年月日】{era(need(p.birth_date, '生年月日'))}"
    if p.spouse_role:
        born += f"　【配偶者区分】{p.spouse_role}"
    lines = [f"【名】{need(p.name, '名')}", born]
    if p.father:
        lines.append(f"【父】{p.father}")
    lines += [f"【母】{need(p.mother, '母')}", f"【続柄】{need(p.relation, '続柄')}"]
    return FramedSection((
        Part("戸籍に記録され\nている者", (Row("", tuple(lines)),),
             mark=REMOVED if p.removed else None),
        Part("身分事項", _rows(need(p.events, "身分事項")))))


def compose_register(doc: FamilyRegister, substituted: bool) -> Composition:
    need(doc.persons, "persons")
    body: list[Block] = []
    if doc.register_events:
        body.append(FramedSection((Part("戸籍事項", _rows(doc.register_events)),)))
    body += [_person(p) for p in doc.persons]
    body.append(Paragraph(END, size=9, align="right", before=3, after=0))
    return certificate(
        doc, WHOLE if doc.whole else PART, substituted,
        subtitle="（全部事項証明）" if doc.whole else "（個人事項証明）",
        header=(_register_header(doc.honseki, doc.hittosha),),
        body=tuple(body),
    )

