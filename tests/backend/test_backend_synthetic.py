"""Synthetic residents: deterministic, valid, and loadable next to the demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backend import family_registers as fr
from backend.db import Database
from backend.demo_data import DEMO_TODAY, IZUMI
from backend.models import Household, Resident, TaxRecord
from backend.rules.mynumber import is_valid
from backend.rules.register_household import problems
from backend.seed import write_calendar
from backend.synthetic import (CODE_BASE, add_synthetic_residents, as_household,
                               synthetic_households)
from tests.backend.test_backend_register_items import adds_up, check_move


def people(n, seed):
    return [p for h in synthetic_households(n, seed) for p in h.members]


def test_same_seed_same_people_other_seed_other_people():
    assert people(200, 7) == people(200, 7)
    assert people(200, 7) != people(200, 8)


def test_exactly_n_with_valid_unique_numbers_and_one_head_per_household():
    households = list(synthetic_households(500, 1))
    everyone = [p for h in households for p in h.members]
    assert len(everyone) == 500
    assert all(is_valid(p.my_number) for p in everyone)
    assert len({p.my_number for p in everyone}) == 500
    assert all(h.members[0].relation == "世帯主" for h in households)


def test_loaded_next_to_the_demo_data(centre_home):
    db = Database(centre_home.url)
    with db.unit() as s:
        before = s.scalar(select(func.count()).select_from(Resident))
    add_synthetic_residents(db, 300, seed=3)
    with db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == before + 300
        # their 異動 and 課税台帳 rows follow the rules as the demo's do
        added = s.scalars(select(Resident).where(Resident.resident_code >= f"{CODE_BASE:011d}")).all()
        assert len(added) == 300
        for r in added:
            check_move(r, DEMO_TODAY)
        rows = s.scalars(select(TaxRecord).where(
            TaxRecord.resident_id.in_([r.id for r in added]))).all()
        assert len(rows) > 100                      # the adults'
        for t in rows:
            adds_up(t)
    db.dispose()


def test_synthetic_registers_are_coherent_as_pure_data():
    households = list(synthetic_households(400, 11))
    registers = [h.register for h in households]
    assert problems([as_household(h) for h in households], registers, DEMO_TODAY) == []
    assert {r.made_by for r in registers} == {"婚姻", "分籍"}
    assert all(h.members[0].key == h.register.head.person for h in households)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_centre(request, tmp_path) -> Database:
    """A migrated database with the calendar only (municipalities, fees): no demo residents."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'synthetic.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_cluster").create_database("synthetic_registers")
    db = Database(url)
    db.migrate()
    with db.unit() as s:
        write_calendar(s, DEMO_TODAY)
    yield db
    db.dispose()


def test_loaded_registers_read_back_coherent(empty_centre):
    """What `add_synthetic_residents` wrote, read back from the database: every synthetic
    resident in their 戸籍, and the validator finds nothing."""
    db = empty_centre
    add_synthetic_residents(db, 150, seed=9, municipality_code=IZUMI)
    with db.unit() as s:
        homes = s.scalars(select(Household)).all()
        assert sum(len(h.members) for h in homes) == 150
        registers = [fr.register_of(s, h.members[0]) for h in homes]
        assert all(r is not None and r.honseki_municipality_code == IZUMI for r in registers)
        assert all(fr.register_of(s, r) is not None for h in homes for r in h.members)
        found = problems([fr.household_as_rules(h) for h in homes],
                         [fr.as_rules(r) for r in registers if r is not None], DEMO_TODAY)
    assert found == []
