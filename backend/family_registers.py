"""戸籍 in the centre's records, as the plain data of `backend.rules.register`.

Reading: the 戸籍 a resident is in now (`register_of`), its people as ⑦ `Member`s for the
戸籍個人事項証明書 (`members`, with opaque ids `member_id`), and whole 戸籍 and households
as rules data (`as_rules`, `household_as_rules`) for the validator and the certificate, and
a resident's lines on the 附票 (`fuhyo_of`).
Writing: `add_register` (the seed and the synthetic generator). A person is named in the
rules data by their resident ("r<id>") where linked, else by their row ("k<id>").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from backend.api import Member
from backend.models import (FamilyRegister, FamilyRegisterAddress, FamilyRegisterEvent,
                            FamilyRegisterMember, Household, Resident)
from backend.reasons import Reason, ServiceError
from backend.rules import register as rules
from backend.rules.register_addresses import AddressLine
from backend.rules.register_household import HouseholdPerson
from backend.rules.register_household import Household as HouseholdData


def member_id(row: FamilyRegisterMember) -> str:
    """`Member.member_id` of a person of a 戸籍 (never a resident's id: "k" and the row id)."""
    return f"k{row.id}"


def person_key(row: FamilyRegisterMember) -> str:
    return f"r{row.resident_id}" if row.resident_id is not None else f"k{row.id}"


def register_of(s: Session, resident: Resident) -> FamilyRegister | None:
    """The 戸籍 the resident is in now: their row not 除籍, else the 戸籍 of the 本籍 and 筆頭者
    their 住民票 names."""
    row = s.scalar(select(FamilyRegisterMember).where(
        FamilyRegisterMember.resident_id == resident.id, FamilyRegisterMember.left_on.is_(None)))
    if row is not None:
        return row.register
    if not resident.honseki_address or not resident.hittosha:
        return None
    return s.scalar(select(FamilyRegister).where(
        FamilyRegister.honseki_address == resident.honseki_address,
        FamilyRegister.hittosha == resident.hittosha))


def present(register: FamilyRegister) -> list[FamilyRegisterMember]:
    """The people in the 戸籍 now (除籍 rows stay in it, but are no one to choose)."""
    return [m for m in register.members if m.left_on is None]


def holder_row(register: FamilyRegister, resident: Resident) -> FamilyRegisterMember | None:
    """The resident's own present row, by link, else by name and birth date."""
    rows = present(register)
    return next((m for m in rows if m.resident_id == resident.id), None) or next(
        (m for m in rows if m.given_name == resident.given_name
         and m.birth_date == resident.birth_date), None)


def members(register: FamilyRegister) -> list[Member]:
    """⑦ whose 戸籍個人事項証明書: the people in the 戸籍 now, in its order. `relation` is
    what the 戸籍 says of them: 筆頭者, else 配偶者区分 (妻, 夫), else 続柄 (長男…)."""
    def said(m: FamilyRegisterMember) -> str:
        return "筆頭者" if m.position == 1 else m.spouse_role or m.relation
    return [Member(member_id(m), f"{register.family_name} {m.given_name}", said(m))
            for m in present(register)]


def chosen_positions(register: FamilyRegister, holder: Resident,
                     member_ids: Sequence[str]) -> list[int]:
    """The 0-based places in the 戸籍 of the people a 個人事項証明書 prints: those
    `member_ids` names (present people only), else the holder. MEMBER_NOT_IN_HOUSEHOLD for an
    id not of a present person of this 戸籍."""
    rows = present(register)
    if member_ids:
        wanted = set(member_ids)
        chosen = [m for m in rows if member_id(m) in wanted]
        if len(chosen) != len(wanted):
            raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, "not a person of this 戸籍")
    else:
        own = holder_row(register, holder)
        if own is None:
            raise ServiceError(Reason.NO_FAMILY_REGISTER, "the holder is not in this 戸籍")
        chosen = [own]
    return [register.members.index(m) for m in chosen]


def _ref(honseki: str | None, hittosha: str | None) -> rules.RegisterRef | None:
    return rules.RegisterRef(honseki, hittosha) if honseki and hittosha else None


def as_rules(register: FamilyRegister) -> rules.FamilyRegister:
    return rules.FamilyRegister(
        f"koseki-{register.id}", register.honseki_municipality_code, register.honseki_address,
        register.family_name, register.family_kana, register.made_on, register.made_by,
        tuple(rules.RegisterMember(
            person_key(m), m.given_name, m.given_kana, m.sex, m.birth_date, m.father, m.mother,
            m.relation, rules.Birth(m.birth_place, m.birth_notified_on, m.birth_notifier),
            tuple(rules.Entry(e.kind, e.day, e.spouse, _ref(e.former_honseki, e.former_hittosha),
                              _ref(e.new_honseki, e.new_hittosha)) for e in m.events),
            m.spouse_role, m.left_on, m.left_by)
            for m in register.members))


def fuhyo_of(s: Session, resident: Resident) -> tuple[AddressLine, ...] | None:
    """The resident's lines on the 附票 of the 戸籍 they are in now, oldest first; None: the
    centre holds no 附票 lines for them (no linked row, or one written without them)."""
    row = s.scalar(select(FamilyRegisterMember).where(
        FamilyRegisterMember.resident_id == resident.id, FamilyRegisterMember.left_on.is_(None)))
    if row is None or not row.addresses:
        return None
    return tuple(AddressLine(a.address, a.set_on) for a in row.addresses)


def household_as_rules(household: Household) -> HouseholdData:
    """The household as the validator sees it, each person with their 附票 lines (read in the
    household's own session)."""
    s = object_session(household)
    if s is None:
        raise ValueError("a household read in a session")
    return HouseholdData(f"household-{household.id}", tuple(
        HouseholdPerson(f"r{r.id}", r.family_name, r.given_name, r.sex, r.birth_date, r.relation,
                        r.became_resident_on, r.address_set_on, r.previous_address,
                        former_surname=r.former_surname, honseki_code=r.honseki_municipality_code,
                        honseki=r.honseki_address, hittosha=r.hittosha,
                        hittosha_kana=r.hittosha_kana, address=r.address,
                        fuhyo=fuhyo_of(s, r) or ())
        for r in household.members))


def add_register(s: Session, register: rules.FamilyRegister, residents: Mapping[str, Resident],
                 fuhyo: Mapping[str, Sequence[AddressLine]] | None = None) -> FamilyRegister:
    """Write one 戸籍; a member whose `person` is a key of `residents` is linked to that row,
    and a present one whose `person` is a key of `fuhyo` gets those lines on its 附票."""
    row = FamilyRegister(
        honseki_municipality_code=register.honseki_code, honseki_address=register.honseki,
        family_name=register.family_name, family_kana=register.family_kana,
        hittosha=register.hittosha, hittosha_kana=register.hittosha_kana,
        made_on=register.made_on, made_by=register.made_by)
    s.add(row)
    for position, m in enumerate(register.members, start=1):
        member = FamilyRegisterMember(
            register=row, position=position, resident=residents.get(m.person),
            given_name=m.given_name, given_kana=m.given_kana, sex=m.sex,
            birth_date=m.birth_date, father=m.father, mother=m.mother, relation=m.relation,
            spouse_role=m.spouse_role, birth_place=m.birth.place,
            birth_notified_on=m.birth.notified_on, birth_notifier=m.birth.notifier,
            left_on=m.left_on, left_by=m.left_by)
        s.add(member)
        for e in m.events:
            s.add(FamilyRegisterEvent(
                member=member, kind=e.kind, day=e.on, spouse=e.spouse,
                former_honseki=e.former.honseki if e.former else None,
                former_hittosha=e.former.hittosha if e.former else None,
                new_honseki=e.new.honseki if e.new else None,
                new_hittosha=e.new.hittosha if e.new else None))
        lines = (fuhyo or {}).get(m.person, ()) if m.present else ()
        for place, line in enumerate(lines, start=1):
            s.add(FamilyRegisterAddress(member=member, position=place, address=line.address,
                                        set_on=line.set_on))
    return row


__all__ = ["add_register", "as_rules", "chosen_positions", "fuhyo_of", "holder_row",
           "household_as_rules",
           "member_id", "members", "person_key", "present", "register_of"]
