"""The seeded register's certificate items (revision 0005): each person's 異動 agrees with
their dates, a foreign resident has the §30の45 items, and every 課税台帳 row — the demo's
and the synthetic residents' — adds up by `backend.rules.tax`."""

from __future__ import annotations

from datetime import date, timedelta

from alembic import command
from sqlalchemy import MetaData, select, text

from backend import demo_data as demo
from backend.db import Database, alembic_config
from backend.models import Card, Household, Resident, TaxRecord
from backend.rules import moves, tax


def _by_card(s, card_name: str) -> Resident:
    return s.scalar(select(Resident).join(Card).where(Card.card_name == card_name))


def check_move(r: Resident, today) -> None:
    """One resident's 異動 items against each other and the rule."""
    assert r.move_reason == moves.move_reason(r.birth_date, r.became_resident_on, r.address_set_on)
    assert (r.previous_address is not None) == (r.move_reason in moves.WITH_PREVIOUS_ADDRESS)
    assert (r.previous_address_set_on is not None) == (r.previous_address is not None)
    if r.previous_address_set_on is not None:
        assert r.birth_date <= r.previous_address_set_on <= r.address_set_on
    assert r.address_set_on <= r.notified_on <= min(today, r.address_set_on + timedelta(days=14))


def test_every_demo_residents_move_agrees_with_their_dates(seeded):
    people = seeded.scalars(select(Resident)).all()
    assert len(people) == len(demo.residents())
    for r in people:
        check_move(r, demo.DEMO_TODAY)
    reasons = {r.move_reason for r in people}
    assert reasons == {moves.BIRTH, moves.MOVE_IN, moves.MOVE_WITHIN}


def test_the_newborn_has_no_former_address_and_the_household_moved_within_the_city(seeded):
    big = seeded.scalar(select(Household).join(Resident).join(Card).where(
        Card.card_name == "tomakomai-omori"))
    by_name = {r.given_name: r for r in big.members}
    baby = by_name["光"]
    assert (baby.move_reason, baby.previous_address) == (moves.BIRTH, None)
    assert baby.became_resident_on == baby.address_set_on == baby.birth_date
    for name in ("大吉", "美和", "桃"):
        r = by_name[name]
        assert r.move_reason == moves.MOVE_WITHIN and r.previous_address.startswith("北海道苫小牧市")
        assert r.became_resident_on < r.address_set_on == demo.DEMO_TODAY - timedelta(days=3000)


def test_moves_in_and_within(seeded):
    taro = _by_card(seeded, "izumi-taro")
    assert taro.move_reason == moves.MOVE_IN and taro.previous_address.startswith("大阪府堺市")
    newcomer = _by_card(seeded, "izumi-newcomer")
    assert newcomer.notified_on == newcomer.address_set_on == demo.DEMO_TODAY
    moved = _by_card(seeded, "tomakomai-tenkyo")
    assert moved.move_reason == moves.MOVE_WITHIN
    assert moved.previous_address_set_on == moved.became_resident_on


def test_the_foreign_resident_has_the_items_of_section_30_45(seeded):
    nguyen = _by_card(seeded, "izumi-nguyen")
    assert nguyen.section_30_45 == "中長期在留者"
    assert nguyen.foreign_resident_since < nguyen.became_resident_on
    assert nguyen.common_name is None
    japanese = seeded.scalars(select(Resident).where(Resident.nationality.is_(None))).all()
    assert all(r.section_30_45 is None and r.foreign_resident_since is None for r in japanese)


def adds_up(t: TaxRecord) -> None:
    deductions = (t.social_insurance_deduction_yen + t.life_insurance_deduction_yen
                  + t.spouse_deduction_yen + t.dependant_deduction_yen + t.basic_deduction_yen)
    assert t.income_yen == t.salary_income_yen + t.pension_income_yen + t.business_income_yen
    assert t.salary_income_yen == t.salary_revenue_yen - tax.salary_deduction(
        t.salary_revenue_yen, t.fiscal_year - 1)
    assert t.taxable_income_yen == max(0, t.income_yen - deductions) // 1000 * 1000
    assert t.basic_deduction_yen == tax.basic_deduction(t.income_yen)
    if t.municipal_per_capita_yen:
        assert (t.municipal_per_capita_yen, t.prefectural_per_capita_yen) == (3_000, 1_000)
        assert t.municipal_income_levy_yen == t.taxable_income_yen * 6 // 10_000 * 100
        assert t.prefectural_income_levy_yen == t.taxable_income_yen * 4 // 10_000 * 100
    else:
        assert t.municipal_tax_yen == t.prefectural_tax_yen == 0
    assert t.municipal_tax_yen == t.municipal_income_levy_yen + t.municipal_per_capita_yen
    assert t.prefectural_tax_yen == t.prefectural_income_levy_yen + t.prefectural_per_capita_yen


def test_every_demo_tax_record_adds_up(seeded):
    rows = seeded.scalars(select(TaxRecord)).all()
    assert len(rows) == 2 * sum(1 for _, r in demo.residents() if r.tax)
    for t in rows:
        adds_up(t)
    assert any(t.pension_revenue_yen for t in rows) and any(t.business_income_yen for t in rows)
    assert any(t.salary_revenue_yen for t in rows) and any(t.life_insurance_deduction_yen
                                                          for t in rows)


def test_the_head_claims_the_members_without_income(seeded):
    taro = _by_card(seeded, "izumi-taro")          # his children: 一郎 (15 at the year's end), さくら
    latest = max(taro.tax_records, key=lambda t: t.fiscal_year)
    assert (latest.dependants, latest.young_dependants, latest.spouse_deduction_yen) == (0, 2, 0)
    hanako = _by_card(seeded, "izumi-hanako")      # not the head: claims nobody
    assert all(t.young_dependants == t.dependants == 0 for t in hanako.tax_records)
    omori = _by_card(seeded, "tomakomai-omori")
    latest = max(omori.tax_records, key=lambda t: t.fiscal_year)
    assert latest.dependants + latest.young_dependants == 8 and latest.pension_revenue_yen > 0


def test_revision_0005_keeps_older_rows_and_goes_back(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config(database.engine)
    command.upgrade(config, "0003")
    old = MetaData()
    old.reflect(database.engine)
    person = dict(id=1, resident_code="r", my_number="n", municipality_code="012131",
                  household_id=1, member_order=0, relation="世帯主", family_name="a",
                  given_name="b", family_kana="ア", given_kana="イ", birth_date=date(1990, 1, 1),
                  sex="1", address="x", became_resident_on=date(2000, 1, 1),
                  address_set_on=date(2000, 1, 1), status="active")
    with database.engine.begin() as c:
        for table, row in (
                ("municipalities", dict(code="012131", name="苫小牧市", prefecture="北海道",
                                        mayor="x", fees_are_demo=False)),
                ("households", dict(id=1, municipality_code="012131", address="x")),
                ("residents", person),
                ("residents", dict(person, id=2, resident_code="f", my_number="m",
                                   nationality="ベトナム", stay_expires_on=date(2028, 1, 1))),
                ("tax_records", dict(id=1, resident_id=1, fiscal_year=2025, income_yen=3_000_000,
                                     taxable_income_yen=1_500_000, municipal_tax_yen=93_000,
                                     prefectural_tax_yen=61_000))):
            c.execute(old.tables[table].insert().values(**row))
    command.upgrade(config, "head")
    with database.engine.connect() as c:
        assert c.execute(text("SELECT income_yen, salary_revenue_yen, municipal_per_capita_yen"
                              " FROM tax_records")).one() == (3_000_000, 0, 0)
        assert c.execute(text("SELECT move_reason, common_name, section_30_45,"
                              " foreign_resident_since FROM residents ORDER BY id")).all() == [
            (None, None, None, None), (None, None, "中長期在留者", "2000-01-01")]
    command.downgrade(config, "0003")
    with database.engine.connect() as c:
        assert c.execute(text("SELECT municipal_tax_yen FROM tax_records")).scalar() == 93_000
        columns = {row[1] for row in c.execute(text("PRAGMA table_info(residents)"))}
        assert "move_reason" not in columns and "hittosha_kana" in columns
    database.dispose()
