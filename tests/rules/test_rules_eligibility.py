"""Who may get which certificate (leaflets 001, 002; DOMAIN §3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.api import CertificateCode as C
from backend.api import Scope
from backend.reasons import Reason
from backend.rules.eligibility import (Person, certificate_refusal, latest_fiscal_year,
                                       person_refusal, scope_refusal)

TODAY = date(2026, 6, 10)
IZUMI, TOMAKOMAI, ARAKAWA = "272191", "012131", "131181"
ADULT = Person(municipality_code=TOMAKOMAI, birth_date=date(1975, 8, 8),
               became_resident_on=date(2010, 1, 1), has_seal=True,
               tax_years=frozenset({2025, 2026}), honseki_code=TOMAKOMAI)


def refusal(person=ADULT, certificate=C.RESIDENT_RECORD, scope=Scope.RESIDENCE,
            issuer=TOMAKOMAI, today=TODAY, honseki_open=True):
    return certificate_refusal(person, certificate, scope, issuer, today,
                               honseki_for_nonresidents=honseki_open)


@pytest.mark.parametrize("certificate", list(C))
def test_an_ordinary_resident_gets_everything(certificate):
    assert refusal(certificate=certificate) is None


@pytest.mark.parametrize("status, reason", [
    ("moved_out", Reason.MOVED_OUT), ("deceased", Reason.DECEASED),
    ("restricted", Reason.RESTRICTED), ("unknown", Reason.NOT_RESIDENT)])
@pytest.mark.parametrize("certificate", list(C))
def test_status_refusals_apply_to_every_certificate(status, reason, certificate):
    assert refusal(replace(ADULT, status=status), certificate) is reason


@pytest.mark.parametrize("birth, reason", [
    (date(2011, 6, 11), Reason.UNDER_15),    # 15 tomorrow
    (date(2011, 6, 10), None),               # 15 today
    (date(2011, 6, 9), None),
    (date(2020, 1, 1), Reason.UNDER_15),
    (date(2026, 6, 10), Reason.UNDER_15),    # born today
])
def test_under_15(birth, reason):
    assert refusal(replace(ADULT, birth_date=birth, became_resident_on=birth)) is reason


@pytest.mark.parametrize("days_ago, reason", [
    (0, Reason.MOVED_IN_TODAY), (-1, Reason.MOVED_IN_TODAY), (1, None), (30, None)])
def test_day_of_moving_in(days_ago, reason):
    person = replace(ADULT, became_resident_on=TODAY - timedelta(days=days_ago))
    assert refusal(person) is reason


def test_resident_of_another_municipality():
    assert refusal(issuer=IZUMI) is Reason.NOT_RESIDENT


def test_no_seal():
    no_seal = replace(ADULT, has_seal=False)
    assert refusal(no_seal, C.SEAL_REGISTRATION) is Reason.NOT_ELIGIBLE_NO_SEAL
    assert refusal(no_seal, C.RESIDENT_RECORD) is None


@pytest.mark.parametrize("today, year", [
    (date(2026, 6, 1), 2026), (date(2026, 5, 31), 2025), (date(2026, 1, 5), 2025),
    (date(2026, 12, 28), 2026)])
def test_latest_fiscal_year(today, year):
    assert latest_fiscal_year(today) == year


@pytest.mark.parametrize("years, today, reason", [
    ({2026}, date(2026, 6, 10), None),
    ({2025}, date(2026, 6, 10), Reason.NO_TAX_RECORD),    # the new year's assessment is out
    ({2025}, date(2026, 5, 10), None),
    (set(), date(2026, 6, 10), Reason.NO_TAX_RECORD),
])
def test_tax_record(years, today, reason):
    assert refusal(replace(ADULT, tax_years=frozenset(years)), C.TAX, today=today) is reason


@pytest.mark.parametrize("certificate", [C.FAMILY_REGISTER_ALL, C.FAMILY_REGISTER_ONE,
                                         C.FAMILY_REGISTER_ADDRESSES])
def test_family_register_at_residence_needs_honseki_here(certificate):
    assert refusal(certificate=certificate) is None
    assert refusal(replace(ADULT, honseki_code=IZUMI), certificate) is Reason.NOT_ELIGIBLE_HONSEKI
    assert refusal(replace(ADULT, honseki_code=None), certificate) is Reason.NO_FAMILY_REGISTER


LIVES_IN_ARAKAWA = replace(ADULT, municipality_code=ARAKAWA, honseki_code=TOMAKOMAI)


@pytest.mark.parametrize("person, issuer, honseki_open, reason", [
    (replace(LIVES_IN_ARAKAWA, honseki_registrations=frozenset({TOMAKOMAI})), TOMAKOMAI, True,
     None),
    (LIVES_IN_ARAKAWA, TOMAKOMAI, True, Reason.NEEDS_HONSEKI_REGISTRATION),
    (replace(LIVES_IN_ARAKAWA, honseki_registrations=frozenset({IZUMI})), TOMAKOMAI, True,
     Reason.NEEDS_HONSEKI_REGISTRATION),
    # applied at a kiosk, not decided yet
    (replace(LIVES_IN_ARAKAWA, honseki_pending=frozenset({TOMAKOMAI})), TOMAKOMAI, True,
     Reason.REGISTRATION_PENDING),
    (replace(LIVES_IN_ARAKAWA, honseki_pending=frozenset({IZUMI})), TOMAKOMAI, True,
     Reason.NEEDS_HONSEKI_REGISTRATION),
    (replace(LIVES_IN_ARAKAWA, honseki_pending=frozenset({TOMAKOMAI})), TOMAKOMAI, False,
     Reason.HONSEKI_NOT_OFFERED),
    (replace(LIVES_IN_ARAKAWA, honseki_code=IZUMI), IZUMI, False, Reason.HONSEKI_NOT_OFFERED),
    (LIVES_IN_ARAKAWA, IZUMI, True, Reason.NOT_ELIGIBLE_HONSEKI),
    (ADULT, TOMAKOMAI, False, None),        # lives at the 本籍地: no 利用登録 needed
    (replace(LIVES_IN_ARAKAWA, status="deceased"), TOMAKOMAI, True, Reason.DECEASED),
])
def test_honseki_scope(person, issuer, honseki_open, reason):
    assert refusal(person, C.FAMILY_REGISTER_ALL, Scope.HONSEKI, issuer,
                   honseki_open=honseki_open) is reason


@pytest.mark.parametrize("certificate", [C.RESIDENT_RECORD, C.SEAL_REGISTRATION, C.TAX])
def test_honseki_scope_is_family_register_only(certificate):
    assert refusal(certificate=certificate, scope=Scope.HONSEKI) is Reason.CERTIFICATE_NOT_OFFERED


def test_scope_refusal_residence():
    assert scope_refusal(ADULT, Scope.RESIDENCE, TOMAKOMAI, TODAY) is None
    assert scope_refusal(ADULT, Scope.RESIDENCE, ARAKAWA, TODAY) is Reason.NOT_RESIDENT


people = st.builds(
    Person, municipality_code=st.sampled_from([IZUMI, TOMAKOMAI, ARAKAWA]),
    birth_date=st.dates(date(1920, 1, 1), date(2026, 6, 10)),
    became_resident_on=st.dates(date(1990, 1, 1), date(2026, 6, 10)),
    status=st.sampled_from(["active", "moved_out", "deceased", "restricted"]),
    has_seal=st.booleans(), tax_years=st.frozensets(st.integers(2020, 2026)),
    honseki_code=st.sampled_from([None, IZUMI, TOMAKOMAI, ARAKAWA]),
    honseki_registrations=st.frozensets(st.sampled_from([IZUMI, TOMAKOMAI, ARAKAWA])),
    honseki_pending=st.frozensets(st.sampled_from([IZUMI, TOMAKOMAI, ARAKAWA])))


@given(people, st.sampled_from(list(C)), st.sampled_from(list(Scope)),
       st.sampled_from([IZUMI, TOMAKOMAI, ARAKAWA]), st.booleans())
def test_a_person_refusal_always_wins(person, certificate, scope, issuer, honseki_open):
    general = person_refusal(person, TODAY)
    got = certificate_refusal(person, certificate, scope, issuer, TODAY,
                              honseki_for_nonresidents=honseki_open)
    if general is not None:
        assert got is general
    if got is None:
        assert person.status == "active"
        assert scope is Scope.HONSEKI or person.municipality_code == issuer
