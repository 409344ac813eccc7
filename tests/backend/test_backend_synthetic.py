"""Synthetic residents: deterministic, valid, and loadable next to the demo data."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.db import Database
from backend.demo_data import DEMO_TODAY
from backend.models import Resident, TaxRecord
from backend.rules.mynumber import is_valid
from backend.synthetic import CODE_BASE, add_synthetic_residents, synthetic_households
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
