"""The seeded demo: register, card registry and card tray agree with each other and the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from backend import demo_data as demo
from backend.db import Database
from backend.jpki.card_image import card_names, load_card
from backend.models import (Card, CardRevocation, FeeSchedule, HonsekiRegistration, Household,
                            MaintenanceDay, Municipality, ResetReservation, Resident)
from backend.rules.mynumber import is_valid
from backend.rules.registrations import hittosha_kana
from backend.seed import write_calendar


@pytest.fixture
def seeded_home(centre_home):
    database = Database(centre_home.url)
    with database.unit() as s:
        yield s, centre_home.paths
    database.dispose()


def test_every_demo_card_is_in_the_tray_and_the_registry(seeded_home):
    s, paths = seeded_home
    names = [c.card_name for _, _, c in demo.cards()]
    assert card_names(paths.card_tray) == sorted(names)
    assert sorted(s.scalars(select(Card.card_name))) == sorted(names)


def test_registry_matches_the_card_images(seeded_home):
    s, paths = seeded_home
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
    ("tomakomai-locked", "1234", 0, True), ("izumi-face", "1234", 0, True),
    ("tomakomai-signlock", "2580", 3, True), ("tomakomai-tenkyo", "9753", 3, True)])
def test_card_pins_and_counters(seeded_home, card_name, pin, tries, signing):
    _, paths = seeded_home
    image = load_card(paths.card_tray, card_name)
    assert (image.user_auth.pin, image.user_auth.tries_left) == (pin, tries)
    assert (image.signing is not None) is signing
    assert demo.pin(card_name) == pin


@pytest.mark.parametrize("card_name, status, signing_tries", [
    ("izumi-taro", "active", 5),
    ("izumi-sakura", "none", None),            # under 15 at issue
    ("tomakomai-signlock", "active", 0),       # locked: what the kiosk's reset is for
    ("tomakomai-tenkyo", "revoked", 5),        # moved within the city
])
def test_signing_certificates_in_the_registry_and_on_the_card(seeded_home, card_name, status,
                                                               signing_tries):
    s, paths = seeded_home
    card = s.scalars(select(Card).where(Card.card_name == card_name)).one()
    image = load_card(paths.card_tray, card_name)
    assert card.signing_status == status
    assert (image.signing.tries_left if image.signing else None) == signing_tries


def test_every_card_without_a_signing_certificate_is_marked_so(seeded_home):
    s, paths = seeded_home
    for card in s.scalars(select(Card)):
        no_signing = load_card(paths.card_tray, card.card_name).signing is None
        assert (card.signing_status == "none") is no_signing, card.card_name


def test_only_the_reset_card_has_a_reservation_made_at_seeding(seeded_home):
    s, _ = seeded_home
    rows = s.execute(select(Card.card_name, ResetReservation.reserved_at, ResetReservation.used_at)
                     .join(ResetReservation)).all()
    assert rows == [("tomakomai-signlock", demo.DEMO_NOW, None)]


def test_every_hittosha_has_its_katakana(seeded_home):
    s, _ = seeded_home
    residents = s.scalars(select(Resident).where(Resident.hittosha.is_not(None))).all()
    assert len(residents) >= 20
    kana = {r.full_name: r.full_kana for r in s.scalars(select(Resident))}
    for r in residents:
        assert r.hittosha_kana and hittosha_kana(r.hittosha_kana) == r.hittosha_kana
        if r.hittosha in kana:                # the 筆頭者 is in the demo too: the same reading
            assert r.hittosha_kana == kana[r.hittosha]
    assert s.scalar(select(func.count()).select_from(Resident).where(
        Resident.hittosha.is_(None), Resident.hittosha_kana.is_not(None))) == 0


def test_registrations_of_the_demo(seeded_home):
    s, _ = seeded_home
    rows = s.execute(select(Card.card_name, HonsekiRegistration.status,
                            HonsekiRegistration.municipality_code)
                     .join(Resident, Resident.id == Card.resident_id)
                     .join(HonsekiRegistration, HonsekiRegistration.resident_id == Resident.id)
                     .order_by(Card.card_name)).all()
    assert rows == [("arakawa-haruto", "approved", demo.TOMAKOMAI),
                    ("arakawa-kenta", "approved", demo.IZUMI)]
    assert s.get_one(Municipality, demo.TOMAKOMAI).registration_days == 2
    assert s.get_one(Municipality, demo.IZUMI).registration_days is None


def test_card_dates_follow_the_rules(seeded_home):
    s, _ = seeded_home
    by_name = {c.card_name: c for c in s.scalars(select(Card))}
    taro = by_name["izumi-taro"]                       # adult: 10th birthday after issue
    assert taro.expires_on == taro.issued_on.replace(year=2035, month=4, day=12)
    assert taro.certificate_expires_on.year == 2030
    nguyen = by_name["izumi-nguyen"]                   # foreign: ends with the stay
    assert nguyen.expires_on == nguyen.resident.stay_expires_on
    assert nguyen.certificate_expires_on == nguyen.expires_on
    assert by_name["tomakomai-expired"].certificate_expires_on < demo.DEMO_TODAY


def test_revoked_cards_have_revocation_rows(seeded_home):
    s, _ = seeded_home
    rows = s.execute(select(Card.card_name, CardRevocation.reason).join(CardRevocation)).all()
    assert sorted(rows) == [("tomakomai-abolished", "abolished"),
                            ("tomakomai-invalidated", "invalidated"),
                            ("tomakomai-suspended", "suspended")]


def test_register_cases(seeded_home):
    s, _ = seeded_home
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
    moved = resident("tomakomai-tenkyo")             # 転居: a new address in the same city
    assert moved.address_set_on == demo.DEMO_TODAY - timedelta(days=30) > moved.became_resident_on
    assert moved.previous_address.startswith("北海道苫小牧市")
    foreign = resident("izumi-nguyen")
    assert (foreign.nationality, foreign.residence_card_no) == ("ベトナム", "AB12345678CD")
    assert foreign.stay_expires_on == demo.DEMO_TODAY + timedelta(days=420)
    big = s.scalar(select(Household).join(Resident).join(Card).where(
        Card.card_name == "tomakomai-omori"))
    assert len(big.members) == 12 and big.members[0].relation == "世帯主"


def test_maintenance_days_are_strictly_after_the_seeding_day(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    database.migrate()
    with database.unit() as s:   # seeded_home on a maintenance Sunday itself
        write_calendar(s, date(2026, 11, 22))
        days = sorted(s.scalars(select(MaintenanceDay.day)))
    assert days == [date(2026, 12, 20), date(2027, 1, 17), date(2027, 2, 21)]
    database.dispose()


def test_municipalities_fees_and_maintenance(seeded_home):
    s, _ = seeded_home
    assert set(s.scalars(select(Municipality.code))) == {
        demo.IZUMI, demo.TOMAKOMAI, demo.ARAKAWA, demo.KYOTO_NAKAGYO}
    assert s.scalar(select(func.count()).select_from(FeeSchedule).where(
        FeeSchedule.municipality_code == demo.KYOTO_NAKAGYO)) == 0
    days = s.scalars(select(MaintenanceDay.day)).all()
    assert len(days) == 3 and all(d.weekday() == 6 for d in days)
    assert sorted(days)[0] == date(2026, 6, 21) and demo.DEMO_TODAY not in days
