"""Seeding: migrate, write the demo register (backend.demo_data), and issue every demo card.

`seed_demo` is what `kiosk admin seed` and the test fixtures call. Dates relative to the
seeding day are taken from the clock; each card's validity comes from backend.rules.validity,
and the card image (keys, certificates, PIN) is written to the card tray by backend.jpki.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend import config
from backend import demo_data as demo
from backend.clock import Clock
from backend.config import Paths
from backend.db import Database
from backend import demo_residence
from backend.demo_registers import REGISTERS, entered
from backend.demo_tax import SPOUSES, demo_assessment, tax_record
from backend.family_registers import add_register
from backend.jpki.ca import load_or_create_ca, load_or_create_signing_ca
from backend.jpki.issuer import SIGNING_MAX_TRIES, CardSpec, IssuedCard, issue_card
from backend.models import (Base, Card, CardRevocation, CertificateType, CertificateWindow,
                            FeeSchedule, HonsekiRegistration, Household, Kiosk, MaintenanceDay,
                            Municipality, ResetReservation, Resident, SealRegistration,
                            ServiceWindow)
from backend.rules import hours, validity
from backend.rules.dates import age_on
from backend.rules.eligibility import latest_fiscal_year
from backend.rules.offers import NAMES
from backend.rules.register_addresses import AddressLine
from backend.rules.tax import Assessment

NO_SIGNING_BELOW = 15  # no signing certificate for holders under 15 (leaflet 002)
MAINTENANCE_MONTHS = 3   # Tomakomai's maintenance days seeded ahead (leaflet 002: city site)


@dataclass(frozen=True)
class SeedResult:
    municipalities: int
    residents: int
    cards: int
    kiosks: int
    skipped: bool = False


def is_seeded(db: Database) -> bool:
    if not db.is_migrated():
        return False
    with db.unit() as s:
        return bool(s.scalar(select(func.count()).select_from(Municipality)))


def seed_demo(paths: Paths, clock: Clock, database_url: str | None = None, *,
              if_empty: bool = False) -> SeedResult:
    """Migrate, then (re)write the demo data and card tray. `if_empty`: keep existing data."""
    paths.ensure()
    db = Database(database_url or config.database_url(home=paths))
    try:
        db.migrate()
        if if_empty and is_seeded(db):
            return SeedResult(0, 0, 0, 0, skipped=True)
        today = clock.now().astimezone(demo.DEMO_NOW.tzinfo).date()
        issued = _issue_cards(paths, clock, today)
        with db.unit() as s:
            _wipe(s)
            write_calendar(s, today)
            residents = _register(s, today)
            for card_name, (spec, card) in issued.items():
                _card_rows(s, residents[card_name], spec, card, clock)
        return SeedResult(len(demo.MUNICIPALITIES), len(demo.residents()), len(issued),
                          len(demo.KIOSKS))
    finally:
        db.dispose()


def _wipe(s: Session) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        s.execute(delete(table))


def write_calendar(s: Session, today: date) -> None:
    """Certificate types, municipalities and fees, windows, kiosks, maintenance days."""
    s.add_all(CertificateType(code=c.value, name=n) for c, n in NAMES.items())
    (from_month, from_day), (to_month, to_day) = hours.YEAR_END
    s.add(ServiceWindow(opens=hours.DAILY_OPENS, closes=hours.DAILY_CLOSES,
                        year_end_from=f"{from_month:02d}-{from_day:02d}",
                        year_end_to=f"{to_month:02d}-{to_day:02d}"))
    for m in demo.MUNICIPALITIES:
        s.add(Municipality(code=m.code, name=m.name, prefecture=m.prefecture, mayor=m.mayor,
                           fees_are_demo=m.fees_are_demo, registration_days=m.registration_days))
    s.flush()
    for m in demo.MUNICIPALITIES:
        for offer in m.offers:
            s.add(FeeSchedule(municipality_code=m.code, certificate_code=offer.certificate.value,
                              fee_yen=offer.fee_yen, honseki_scope=offer.honseki_scope))
            if offer.working_days_only or offer.opens is not None:
                s.add(CertificateWindow(
                    municipality_code=m.code, certificate_code=offer.certificate.value,
                    working_days_only=offer.working_days_only, opens=offer.opens,
                    closes=offer.closes))
    for k in demo.KIOSKS:
        s.add(Kiosk(kiosk_id=k.kiosk_id, store_name=k.store_name, chain=k.chain,
                    municipality_code=k.municipality_code, opens=k.opens, closes=k.closes,
                    zone=k.zone))
    # The next few, strictly after today: a demo seeded today never starts on one.
    year, month, added = today.year, today.month, 0
    while added < MAINTENANCE_MONTHS:
        day = hours.national_maintenance_day(year, month)
        if day > today:
            s.add(MaintenanceDay(day=day, municipality_code=demo.TOMAKOMAI,
                                 note="システムメンテナンス"))
            added += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _register(s: Session, today: date) -> dict[str, Resident]:
    """Households, residents, seals, tax records, 利用登録, 戸籍. Returns residents by card name."""
    by_card: dict[str, Resident] = {}
    by_key: dict[str, Resident] = {}
    fuhyo: dict[str, tuple[AddressLine, ...]] = {}   # the 附票's lines, by person
    fiscal = latest_fiscal_year(today)
    for index, (household, person) in enumerate(demo.residents()):
        if person is household.members[0]:
            home = Household(municipality_code=household.municipality_code,
                             address=household.address)
            s.add(home)
        came = entered(person.key)
        residence = demo_residence.residence(household, person, today, came)
        if came is not None:
            fuhyo[person.key] = demo_residence.fuhyo(household, person, today, came)
        since = residence["became_resident_on"]
        r = Resident(
            resident_code=demo.resident_code(index), my_number=demo.my_number(index),
            municipality_code=household.municipality_code, household=home,
            member_order=household.members.index(person), relation=person.relation,
            family_name=person.family_name, given_name=person.given_name,
            family_kana=person.family_kana, given_kana=person.given_kana,
            former_surname=person.former_surname, birth_date=person.birth_date, sex=person.sex,
            address=household.address, **residence, **demo_residence.foreign(person),
            honseki_municipality_code=person.honseki_code,
            honseki_address=person.honseki_address, hittosha=person.hittosha,
            hittosha_kana=person.hittosha_kana,
            nationality=person.nationality, residence_card_no=person.residence_card_no,
            residence_status=person.residence_status, stay_period=person.stay_period,
            stay_expires_on=_stay_end(person, today),
            status=person.status,
            status_changed_on=None if person.status == "active" else today - timedelta(days=3),
        )
        s.add(r)
        if person.seal:
            s.add(SealRegistration(
                resident=r, registration_no=f"{household.municipality_code}-{index + 1:06d}",
                registered_on=since,
                impression={"text": person.family_name, "shape": "round", "mm": 15}))
        if person.tax:
            for year in (fiscal - 1, fiscal):
                s.add(tax_record(r, year, _assessment(index, household, person, year)))
        if person.honseki_registered and person.honseki_code:
            # Done at the counter long ago: no application of the kiosk's behind it.
            s.add(HonsekiRegistration(resident=r, municipality_code=person.honseki_code,
                                      status="approved", decided_by="staff",
                                      registered_on=today - timedelta(days=200)))
        if person.card is not None:
            by_card[person.card.card_name] = r
        by_key[person.key] = r
    for register in REGISTERS:
        add_register(s, register, by_key, fuhyo)
    s.flush()
    return by_card


# ── 住民票 and 課税 items of revision 0005 ──
def _assessment(index: int, household: demo.DemoHousehold, person: demo.DemoResident,
                fiscal_year: int) -> Assessment:
    """The head claims the members with no tax record: a spouse, or a relative."""
    claimed = [m for m in household.members[1:] if not m.tax] \
        if person is household.members[0] else []
    return demo_assessment(
        index, person.birth_date, fiscal_year,
        spouse=any(m.relation in SPOUSES for m in claimed),
        relatives=[m.birth_date for m in claimed if m.relation not in SPOUSES])
# ── end of revision 0005's items ──


def _stay_end(person: demo.DemoResident, today: date) -> date | None:
    """在留期間の満了日, for a foreign resident."""
    if person.stay_expires_in_days is None:
        return None
    return today + timedelta(days=person.stay_expires_in_days)


def card_dates(person: demo.DemoResident, card: demo.DemoCard, today: date
               ) -> tuple[date, date, date]:
    """(issued_on, card expiry, certificate expiry) from the rules."""
    issued_on = today - timedelta(days=card.issued_days_ago)
    card_expires = validity.card_expiry(
        person.birth_date, issued_on,
        stay_expires_on=validity.stay_limits_card(person.residence_status,
                                                  _stay_end(person, today)))
    cert_expires = validity.certificate_expiry(person.birth_date, issued_on, card_expires)
    if card.certificate_expired != (cert_expires < today):
        raise ValueError(f"demo card {card.card_name}: its issue date misses the intended expiry")
    return issued_on, card_expires, cert_expires


def _issue_cards(paths: Paths, clock: Clock,
                 today: date) -> dict[str, tuple[CardSpec, IssuedCard]]:
    """Issue every demo card (RSA keys dominate: from the key pool, else made in parallel).

    Cards are issued before the database is touched: if issuing fails, the old demo stays.
    """
    now = clock.now()
    specs = []
    number_of = {person.key: i for i, (_, person) in enumerate(demo.residents())}
    for index, (household, person, card) in enumerate(demo.cards()):
        issued_on, card_expires, cert_expires = card_dates(person, card, today)
        municipality = demo.municipality(household.municipality_code)
        under_15 = age_on(person.birth_date, issued_on) < NO_SIGNING_BELOW
        specs.append(CardSpec(
            card_name=card.card_name, name=f"{person.family_name} {person.given_name}",
            name_kana=f"{person.family_kana} {person.given_kana}", birth_date=person.birth_date,
            sex=person.sex, address=household.address,
            my_number=demo.my_number(number_of[person.key]),
            user_auth_pin=card.pin, signing_pin=None if under_15 else card.signing_pin,
            card_serial=demo.card_serial(index + 1), card_issued_on=issued_on,
            card_expires_on=card_expires, certificate_expires_on=cert_expires,
            face_auth=card.face_auth, user_auth_tries_left=card.tries_left,
            signing_tries_left=card.signing_tries_left if not under_15 else SIGNING_MAX_TRIES,
            municipality_code=municipality.code, municipality_name=municipality.name))
    for stale in paths.card_tray.glob("*.card.json"):
        stale.unlink()
    # The CAs are loaded (or created) once, before the workers start: they would race to
    # create them, and each load costs as much as the signing.
    authorities = (load_or_create_ca(paths), load_or_create_signing_ca(paths))
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        issued = list(pool.map(
            lambda spec: issue_card(paths, spec, now, authorities=authorities), specs))
    return {spec.card_name: (spec, card) for spec, card in zip(specs, issued)}


def signing_status(spec: CardSpec, card: demo.DemoCard) -> str:
    """`Card.signing_status`: none for a holder under 15 at issue (no signing certificate
    was put on the card), revoked where the demo says so, else active."""
    if spec.signing_pin is None:
        return "none"
    return "revoked" if card.signing_revoked else "active"


def _card_rows(s: Session, resident: Resident, spec: CardSpec, issued: IssuedCard,
               clock: Clock) -> None:
    _, _, card = demo.card(spec.card_name)
    row = Card(card_name=spec.card_name, card_serial=spec.card_serial, resident=resident,
               issued_on=spec.card_issued_on, expires_on=spec.card_expires_on,
               certificate_serial=str(issued.certificate_serial),
               certificate_expires_on=spec.certificate_expires_on, status=card.status,
               face_auth=card.face_auth, signing_status=signing_status(spec, card))
    s.add(row)
    if card.reset_reserved:
        s.add(ResetReservation(card=row, reserved_at=clock.now()))
    if card.status != "active":
        s.add(CardRevocation(card=row, certificate_serial=row.certificate_serial,
                             reason=card.status, revoked_at=clock.now()))
