"""A 戸籍 (the plain data of `backend.rules.register`) as the document data of its certificate:
戸籍全部事項証明書 (everyone, 除籍 too) or 戸籍個人事項証明書 (the chosen people).

Names print with a full-width space between 氏 and 名, as on every certificate here; a
除籍 person's 婚姻 or 分籍 names the 新本籍, with 【称する氏】 for a 婚姻.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from backend.rules import register as rules
from certificates_templates import documents as d

MADE = {"婚姻": "戸籍編製", "分籍": "戸籍編製", "転籍": "転籍", "改製": "戸籍改製"}
_MADE_ON = {"戸籍編製": "編製日", "転籍": "転籍日", "戸籍改製": "改製日"}


def printed(name: str | None) -> str:
    """"大森 大吉" → "大森　大吉"."""
    return "　".join((name or "").split())


def _ref(ref: rules.RegisterRef) -> str:
    return f"{ref.honseki}　{printed(ref.hittosha)}"


def _entry(r: rules.FamilyRegister, m: rules.RegisterMember, e: rules.Entry) -> d.RegisterEvent:
    items: list[tuple[str, str | date]] = [(f"{e.kind}日", e.on)]
    if e.spouse:
        items.append(("配偶者氏名", printed(e.spouse)))
    if e.new is not None:
        items.append(("新本籍", e.new.honseki))
        if e.kind == rules.MARRIAGE:
            own = rules.plain(e.new.hittosha) in r.names_of(m)
            husband = (m.sex == rules.MALE) == own
            items.append(("称する氏", "夫の氏" if husband else "妻の氏"))
    if e.former is not None:
        items.append(("従前戸籍", _ref(e.former)))
    return d.RegisterEvent(e.kind, tuple(d.RegisterItem(k, v) for k, v in items))


def _person(r: rules.FamilyRegister, m: rules.RegisterMember) -> d.RegisterPerson:
    b = m.birth
    birth = d.RegisterEvent("出生", (
        d.RegisterItem("出生日", m.birth_date), d.RegisterItem("出生地", b.place),
        d.RegisterItem("届出日", b.notified_on), d.RegisterItem("届出人", b.notifier)))
    return d.RegisterPerson(
        name=m.given_name, birth_date=m.birth_date, father=printed(m.father),
        mother=printed(m.mother), relation=m.relation, spouse_role=m.spouse_role or "",
        events=(birth,) + tuple(_entry(r, m, e) for e in sorted(m.events, key=lambda e: e.on)),
        removed=not m.present)


def register_events(r: rules.FamilyRegister) -> tuple[d.RegisterEvent, ...]:
    """戸籍事項: 戸籍編製 【編製日】 (or the 転籍, 改製 that made it)."""
    label = MADE.get(r.made_by, "戸籍編製")
    return (d.RegisterEvent(label, (d.RegisterItem(_MADE_ON[label], r.made_on),)),)


def register_document(r: rules.FamilyRegister, meta: d.DocumentMeta, *,
                      chosen: Collection[int] | None = None) -> d.FamilyRegister:
    """The whole 戸籍 (`chosen` None), or the members at these positions (0-based)."""
    persons = [_person(r, m) for i, m in enumerate(r.members) if chosen is None or i in chosen]
    return d.FamilyRegister(meta, r.honseki, printed(r.hittosha), register_events(r),
                            tuple(persons), whole=chosen is None)


__all__ = ["register_document", "register_events", "printed"]
