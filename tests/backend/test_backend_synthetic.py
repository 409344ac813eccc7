"""Synthetic residents: deterministic, valid, and loadable next to the demo data."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.db import Database
from backend.models import Resident
from backend.rules.mynumber import is_valid
from backend.synthetic import add_synthetic_residents, synthetic_households


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
    db.dispose()
