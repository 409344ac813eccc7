"""戸籍 in the centre (SQLite and PostgreSQL): the seeded 戸籍 are the demo's and coherent with
the 住民票; the migration up and down."""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from backend import demo_registers
from backend import family_registers as fr
from backend.db import Database
from backend.demo_data import DEMO_TODAY
from backend.models import FamilyRegister, FamilyRegisterMember, Household, Resident
from backend.rules.register_household import problems


def test_the_seeded_registers_are_the_demos(seeded):
    s = seeded
    assert s.scalar(select(func.count()).select_from(FamilyRegister)) >= len(demo_registers.REGISTERS)
    for plain in demo_registers.REGISTERS:
        row = s.scalar(select(FamilyRegister).where(
            FamilyRegister.honseki_address == plain.honseki, FamilyRegister.hittosha == plain.hittosha))
        back = fr.as_rules(row)
        assert [m.given_name for m in back.members] == [m.given_name for m in plain.members]
        assert [(m.relation, m.spouse_role, m.birth, m.left_on, m.father, m.mother)
                for m in back.members] == [(m.relation, m.spouse_role, m.birth, m.left_on,
                                            m.father, m.mother) for m in plain.members]
        assert [[(e.kind, e.on, e.spouse, e.former, e.new) for e in m.events]
                for m in back.members] == [[(e.kind, e.on, e.spouse, e.former, e.new)
                                            for e in m.events] for m in plain.members]
        assert all(m.resident_id is not None for m in row.members)   # all demo residents


def test_the_seeded_register_and_households_are_coherent(seeded):
    """The validator over what the centre holds, as read back (the demo and, on PostgreSQL,
    whatever synthetic residents another test added)."""
    s = seeded
    registers = [fr.as_rules(r) for r in s.scalars(select(FamilyRegister))]
    households = [fr.household_as_rules(h) for h in s.scalars(select(Household))]
    assert problems(households, registers, DEMO_TODAY) == []


def test_every_resident_with_a_honseki_is_in_that_register(seeded):
    s = seeded
    for r in s.scalars(select(Resident).where(Resident.honseki_address.is_not(None))):
        row = fr.register_of(s, r)
        assert row is not None and (row.honseki_address, row.hittosha) == (
            r.honseki_address, r.hittosha), r.full_name
        assert fr.holder_row(row, r).resident_id == r.id


def test_omori_grandchildren_are_in_their_fathers_register(seeded):
    s = seeded
    hikaru = s.scalar(select(Resident).where(Resident.given_name == "光",
                                             Resident.family_name == "大森"))
    assert hikaru.previous_address is None and hikaru.became_resident_on == hikaru.birth_date
    assert fr.register_of(s, hikaru).hittosha == "大森 一夫"
    assert hikaru.household.members[0].given_name == "大吉" and len(hikaru.household.members) == 12


def test_migration_down_and_up_again(tmp_path):
    from alembic import command

    from backend.db import alembic_config

    database = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    database.migrate()
    tables = {"family_registers", "family_register_members", "family_register_events"}
    assert tables <= set(inspect(database.engine).get_table_names())
    config = alembic_config(database.engine)
    command.downgrade(config, "0003")
    assert not tables & set(inspect(database.engine).get_table_names())
    command.upgrade(config, "head")
    columns = {c["name"] for c in inspect(database.engine).get_columns("family_register_members")}
    assert {"father", "mother", "relation", "spouse_role", "birth_place", "birth_notifier",
            "left_on", "resident_id"} <= columns
    database.dispose()


def test_a_member_row_is_one_per_place(seeded):
    s = seeded
    pairs = s.execute(select(FamilyRegisterMember.register_id, FamilyRegisterMember.position)).all()
    assert len(pairs) == len(set(pairs))
