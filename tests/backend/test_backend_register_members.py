"""⑦ whose 戸籍個人事項証明書, at the centre (SQLite and PostgreSQL): the offering's `persons`,
`members(session, FAMILY_REGISTER_ONE)` (the people now in the holder's 戸籍, opaque ids) and
the quote's member ids, every refusal typed."""

from __future__ import annotations

import pytest

from backend.api import CertificateCode as C
from backend.api import IssuanceKind as K
from backend.api import IssuanceRequest, Scope
from backend.reasons import Reason
from tests.backend.conftest import refused


def test_kojin_offers_a_choice_of_persons_zenbu_none(login, centre):
    session_id, _ = login("izumi-taro")
    offers = {o.certificate: o for o in centre.offerings(session_id, Scope.RESIDENCE)}
    assert offers[C.FAMILY_REGISTER_ONE].persons and offers[C.FAMILY_REGISTER_ONE].kinds == ()
    assert not any(o.persons for c, o in offers.items() if c is not C.FAMILY_REGISTER_ONE)


def test_members_of_the_register_are_the_people_now_in_it(login, centre):
    session_id, _ = login("tomakomai-omori", kiosk="lawson-tomakomai-ekimae")
    people = centre.members(session_id, C.FAMILY_REGISTER_ONE)
    assert [(m.name, m.relation) for m in people] == [
        ("大森 大吉", "筆頭者"), ("大森 トメ", "妻"), ("大森 二郎", "二男"), ("大森 三郎", "三男")]
    household = centre.members(session_id)
    assert len(household) == 12 and household == centre.members(session_id, C.RESIDENT_RECORD)
    assert not {m.member_id for m in people} & {m.member_id for m in household}


def test_the_quote_takes_the_chosen_people_in_register_order(login, centre):
    session_id, _ = login("tomakomai-omori", kiosk="lawson-tomakomai-ekimae")
    ids = {m.name: m.member_id for m in centre.members(session_id, C.FAMILY_REGISTER_ONE)}
    quote = centre.quote(session_id, IssuanceRequest(
        C.FAMILY_REGISTER_ONE, member_ids=(ids["大森 三郎"], ids["大森 大吉"]), copies=2))
    assert (quote.unit_fee_yen, quote.total_yen) == (450, 900)


def test_a_quote_without_anyone_chosen_is_the_holder(login, centre, rendering):
    session_id, _ = login("izumi-taro")
    ids = [m.member_id for m in centre.members(session_id, C.FAMILY_REGISTER_ONE)]
    centre.quote(session_id, IssuanceRequest(C.FAMILY_REGISTER_ONE))
    centre.insert_coin(session_id, 1, 500)
    centre.settle(session_id)
    centre.issue(session_id)
    assert rendering.calls[-1]["request"].member_ids == (ids[0],)


@pytest.mark.parametrize("request_for, reason", [
    (lambda ids, household: IssuanceRequest(C.FAMILY_REGISTER_ONE, member_ids=("k0",)),
     Reason.MEMBER_NOT_IN_HOUSEHOLD),
    (lambda ids, household: IssuanceRequest(C.FAMILY_REGISTER_ONE, member_ids=(household[1],)),
     Reason.MEMBER_NOT_IN_HOUSEHOLD),                # a 住民票 member's id is no 戸籍 person's
    (lambda ids, household: IssuanceRequest(C.FAMILY_REGISTER_ONE, member_ids=ids[0]),
     Reason.MEMBER_NOT_IN_HOUSEHOLD),                # one id as text, not a sequence of ids
    (lambda ids, household: IssuanceRequest(C.FAMILY_REGISTER_ALL, member_ids=(ids[0],)),
     Reason.KIND_NOT_OFFERED),                       # the whole 戸籍 chooses no one
])
def test_the_quote_refuses_anyone_not_in_the_register(login, centre, request_for, reason):
    session_id, _ = login("izumi-taro")
    ids = [m.member_id for m in centre.members(session_id, C.FAMILY_REGISTER_ONE)]
    household = [m.member_id for m in centre.members(session_id)]
    with refused(reason):
        centre.quote(session_id, request_for(ids, household))


def test_kojin_takes_no_kind(login, centre):
    session_id, _ = login("izumi-taro")
    with refused(Reason.KIND_NOT_OFFERED):
        centre.quote(session_id, IssuanceRequest(C.FAMILY_REGISTER_ONE, kind=K.HOUSEHOLD_SOME))


@pytest.mark.parametrize("certificate, reason", [
    (C.TAX, Reason.KIND_NOT_OFFERED), (C.FAMILY_REGISTER_ALL, Reason.KIND_NOT_OFFERED),
    ("koseki", Reason.UNKNOWN_CERTIFICATE), (None, Reason.UNKNOWN_CERTIFICATE)])
def test_members_of_what_chooses_no_one(login, centre, certificate, reason):
    session_id, _ = login("izumi-taro")
    with refused(reason):
        centre.members(session_id, certificate)


def test_no_register_no_members(login, centre):
    session_id, _ = login("izumi-nguyen")
    with refused(Reason.NO_FAMILY_REGISTER):
        centre.members(session_id, C.FAMILY_REGISTER_ONE)


def test_from_the_honseki_the_register_of_the_person_living_elsewhere(login, centre):
    session_id, _ = login("arakawa-haruto", kiosk="familymart-arakawa-machiya")
    offers = {o.certificate: o for o in centre.offerings(session_id, Scope.HONSEKI)}
    assert offers[C.FAMILY_REGISTER_ONE].persons
    people = centre.members(session_id, C.FAMILY_REGISTER_ONE)
    assert [(m.name, m.relation) for m in people] == [("荒川 陽翔", "筆頭者")]
    quote = centre.quote(session_id, IssuanceRequest(C.FAMILY_REGISTER_ONE, scope=Scope.HONSEKI,
                                                     member_ids=(people[0].member_id,)))
    assert quote.total_yen == 450
