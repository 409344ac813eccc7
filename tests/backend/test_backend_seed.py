"""The seeded demo: register, card registry and card tray agree with each other and the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from backend import demo_data as demo
from backend.db import Database
from backend.jpki.card_image import card_names, load_card
from backend.models import (Card, CardRevocation, FeeSchedule, Household, MaintenanceDay,
                            Municipality, Resident)
from backend.rules.mynumber import is_valid
from backend.seed import write_calendar


@pytest.fixture
def seeded(centre_home):
    database = Database(centre_home.url)
    with database.unit() as s:
        yield s, centre_home.paths
    database.dispose()


def test_every_demo_card_is_in_the_tray_and_the_registry(seeded):
    s, paths = seeded
    names = [c.card_name for _, _, c in demo.cards()]
    assert card_names(paths.card_tray) == sorted(names)
    assert sorted(s.scalars(select(Card.card_name))) == sorted(names)


def test_registry_matches_the_card_images(seeded):
    s, paths = seeded
    for card in s.scalars(select(Card)):
        image = load_card(paths.card_tray, card.card_name)
        assert image.card_serial == card.card_serial
        assert image.card_expires_on == card.expires_on
        assert image.certificate_expires_on == card.certificate_expires_on
        assert image.holder.my_number == card.resident.my_number
        assert is_valid(card.resident.my_number)


@pytest.mark.parametrize("card_name, pin, tries, signing", [
    ("izumi-taro", "1234", 3, True), ("izumi-hanako", "2345", 3, True),
    ("izumi-sakura", "4567", 3, False),     # under 15 at issue: no signing certificate
    ("tomakomai-locked", "1234", 0, True), ("izumi-face", "1234", 0, True)])
def test_card_pins_and_counters(seeded, card_name, pin, tries, signing):
    _, paths = seeded
    image = load_card(paths.card_tray, card_name)
    assert (image.user_auth.pin, image.user_auth.tries_left) == (pin, tries)
    assert (image.signing is not None) is signing
    assert demo.pin(card_name) == pin


def test_card_dates_follow_the_rules(seeded):
    s, _ = seeded
    by_name = {c.card_name: c for c in s.scalars(select(Card))}
    taro = by_name["izumi-taro"]                       # adult: 10th birthday after issue
    assert taro.expires_on == taro.issued_on.replace(year=2035, month=4, day=12)
    assert taro.certificate_expires_on.year == 2030
    nguyen = by_name["izumi-nguyen"]                   # foreign: ends with the stay
    assert nguyen.expires_on == nguyen.resident.stay_expires_on
    assert nguyen.certificate_expires_on == nguyen.expires_on
    assert by_name["tomakomai-expired"].certificate_expires_on < demo.DEMO_TODAY


def test_revoked_cards_have_revocation_rows(seeded):
    s, _ = seeded
    rows = s.execute(select(Card.card_name, CardRevocation.reason).join(CardRevocation)).all()
    assert sorted(rows) == [("tomakomai-abolished", "abolished"),
                            ("tomakomai-invalidated", "invalidated"),
                            ("tomakomai-suspended", "suspended")]


def test_register_cases(seeded):
    s, _ = seeded
    def resident(card_name):
        return s.scalar(select(Resident).join(Card).where(Card.card_name == card_name))
    assert resident("izumi-newcomer").became_resident_on == demo.DEMO_TODAY
    assert resident("izumi-hanako").former_surname == "山田" and resident("izumi-hanako").seal is None
    assert resident("izumi-taro").seal is not None
    assert resident("tomakomai-movedout").status == "moved_out"
    assert resident("tomakomai-deceased").status == "deceased"
    assert resident("izumi-restricted").status == "restricted"
    assert [r.municipality_code for r in resident("arakawa-haruto").honseki_registrations] == [
        demo.TOMAKOMAI]
    assert resident("arakawa-mei").honseki_registrations == []
    foreign = resident("izumi-nguyen")
    assert (foreign.nationality, foreign.residence_card_no) == ("ベトナム", "AB12345678CD")
    assert foreign.stay_expires_on == demo.DEMO_TODAY + timedelta(days=420)
    big = s.scalar(select(Household).join(Resident).join(Card).where(
        Card.card_name == "tomakomai-omori"))
    assert len(big.members) == 12 and big.members[0].relation == "世帯主"


def test_maintenance_days_are_strictly_after_the_seeding_day(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    database.migrate()
    with database.unit() as s:   # seeded on a maintenance Sunday itself
        write_calendar(s, date(2026, 11, 22))
        days = sorted(s.scalars(select(MaintenanceDay.day)))
    assert days == [date(2026, 12, 20), date(2027, 1, 17), date(2027, 2, 21)]
    database.dispose()


def test_municipalities_fees_and_maintenance(seeded):
    s, _ = seeded
    assert set(s.scalars(select(Municipality.code))) == {
        demo.IZUMI, demo.TOMAKOMAI, demo.ARAKAWA, demo.KYOTO_NAKAGYO}
    assert s.scalar(select(func.count()).select_from(FeeSchedule).where(
        FeeSchedule.municipality_code == demo.KYOTO_NAKAGYO)) == 0
    days = s.scalars(select(MaintenanceDay.day)).all()
    assert len(days) == 3 and all(d.weekday() == 6 for d in days)
    assert sorted(days)[0] == date(2026, 6, 21) and demo.DEMO_TODAY not in days
