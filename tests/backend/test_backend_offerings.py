"""Offerings, members and quote validation: every refusal typed, no state change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from backend.api import CertificateCode as C
from backend.api import IssuanceKind as K
from backend.api import IssuanceRequest, PrintedField, Scope
from backend.clock import JST
from backend.reasons import Reason
from tests.backend.conftest import refused


def offered(centre, session_id, scope=Scope.RESIDENCE):
    return {o.certificate: o for o in centre.offerings(session_id, scope)}


def test_tomakomai_offers_its_leaflet_fees(login, centre):
    session_id, _ = login("tomakomai-yoko")
    got = {c: o.fee_yen for c, o in offered(centre, session_id).items()}
    assert got == {C.RESIDENT_RECORD: 250, C.SEAL_REGISTRATION: 250, C.TAX: 250,
                   C.FAMILY_REGISTER_ALL: 450, C.FAMILY_REGISTER_ONE: 450,
                   C.FAMILY_REGISTER_ADDRESSES: 250}
    assert all(o.available for o in offered(centre, session_id).values())


def test_arakawa_offers_two_certificates_at_200(login, centre):
    session_id, _ = login("arakawa-haruto")
    got = {c: o.fee_yen for c, o in offered(centre, session_id).items()}
    assert got == {C.RESIDENT_RECORD: 200, C.SEAL_REGISTRATION: 200}


def test_resident_record_has_kinds_and_fields_others_none(login, centre):
    session_id, _ = login("izumi-taro")
    offers = offered(centre, session_id)
    assert offers[C.RESIDENT_RECORD].kinds == (K.HOUSEHOLD_ALL, K.HOUSEHOLD_SOME, K.SELF)
    # a household of Japanese members only: no 在留カード等の番号 to print
    assert offers[C.RESIDENT_RECORD].fields == (
        PrintedField.HEAD_AND_RELATION, PrintedField.HONSEKI, PrintedField.MY_NUMBER)
    assert offers[C.SEAL_REGISTRATION].kinds == () and offers[C.SEAL_REGISTRATION].fields == ()


def test_foreign_resident_is_offered_the_residence_card_number_not_honseki(login, centre):
    session_id, _ = login("izumi-nguyen")
    fields = offered(centre, session_id)[C.RESIDENT_RECORD].fields
    assert fields == (PrintedField.HEAD_AND_RELATION, PrintedField.MY_NUMBER,
                      PrintedField.RESIDENCE_CARD)


def test_the_residence_card_number_is_a_choice_like_the_my_number(login, centre):
    session_id, holder = login("izumi-nguyen")
    request = IssuanceRequest(C.RESIDENT_RECORD, kind=K.SELF,
                              fields=frozenset({PrintedField.RESIDENCE_CARD}))
    assert centre.quote(session_id, request).total_yen == 200
    session_id, _ = login("izumi-taro")
    with refused(Reason.FIELD_NOT_OFFERED):
        centre.quote(session_id, request)


@pytest.mark.parametrize("card, certificate, reason", [
    ("izumi-hanako", C.SEAL_REGISTRATION, Reason.NOT_ELIGIBLE_NO_SEAL),
    ("tomakomai-notax", C.TAX, Reason.NO_TAX_RECORD),
    ("arakawa-haruto", C.RESIDENT_RECORD, None),
    ("izumi-nguyen", C.FAMILY_REGISTER_ALL, Reason.NO_FAMILY_REGISTER),     # no 戸籍 at all
])
def test_per_certificate_availability(login, centre, card, certificate, reason):
    session_id, _ = login(card)
    offer = offered(centre, session_id)[certificate]
    assert offer.available is (reason is None)
    assert offer.reason == reason


@pytest.mark.parametrize("card, reason", [
    ("tomakomai-movedout", Reason.MOVED_OUT),
    ("tomakomai-deceased", Reason.DECEASED),
    ("izumi-restricted", Reason.RESTRICTED),
    ("izumi-sakura", Reason.UNDER_15),
    ("izumi-newcomer", Reason.MOVED_IN_TODAY),
])
def test_person_refusals(login, centre, card, reason):
    session_id, _ = login(card)
    with refused(reason):
        centre.offerings(session_id, Scope.RESIDENCE)


def test_honseki_with_registration_gets_tomakomai_family_register(login, centre):
    session_id, holder = login("arakawa-haruto")
    assert holder.honseki_municipality_name == "苫小牧市"
    offers = offered(centre, session_id, Scope.HONSEKI)
    assert set(offers) == {C.FAMILY_REGISTER_ALL, C.FAMILY_REGISTER_ONE,
                           C.FAMILY_REGISTER_ADDRESSES}
    assert offers[C.FAMILY_REGISTER_ALL].fee_yen == 450 and offers[C.FAMILY_REGISTER_ALL].available


@pytest.mark.parametrize("card, reason", [
    ("arakawa-mei", Reason.NEEDS_HONSEKI_REGISTRATION),   # 本籍 Tomakomai, no 利用登録
    ("arakawa-kenta", Reason.HONSEKI_NOT_OFFERED),        # 本籍 Izumi: residents only
    ("arakawa-kyoto", Reason.HONSEKI_NOT_OFFERED),        # 本籍 Kyoto: no kiosk service
    ("izumi-nguyen", Reason.NO_FAMILY_REGISTER),          # no 本籍
])
def test_honseki_refusals(login, centre, card, reason):
    session_id, _ = login(card)
    with refused(reason):
        centre.offerings(session_id, Scope.HONSEKI)


def test_family_register_window_closed_on_a_holiday(login, centre, clock):
    clock.set(datetime(2026, 7, 20, 10, 0, tzinfo=JST))   # 海の日 (Monday)
    session_id, _ = login("tomakomai-yoko")
    offers = offered(centre, session_id)
    assert offers[C.FAMILY_REGISTER_ALL].reason is Reason.CERTIFICATE_WINDOW_CLOSED
    assert offers[C.RESIDENT_RECORD].available


def test_members_are_the_household(login, centre):
    session_id, _ = login("izumi-taro")
    members = centre.members(session_id)
    assert [(m.name, m.relation) for m in members] == [
        ("和泉 太郎", "世帯主"), ("和泉 花子", "妻"), ("和泉 一郎", "子"), ("和泉 さくら", "子")]


def test_quote(login, centre):
    session_id, _ = login("tomakomai-yoko")
    quote = centre.quote(session_id, IssuanceRequest(C.TAX, copies=3))
    assert (quote.unit_fee_yen, quote.copies, quote.total_yen) == (250, 3, 750)


def test_quote_household_some_resolves_members_in_household_order(login, centre, rendering):
    session_id, _ = login("izumi-taro")
    ids = [m.member_id for m in centre.members(session_id)]
    centre.quote(session_id, IssuanceRequest(C.RESIDENT_RECORD, kind=K.HOUSEHOLD_SOME,
                                             member_ids=(ids[2], ids[0]), copies=1))
    centre.insert_coin(session_id, 1, 500)
    centre.settle(session_id)
    centre.issue(session_id)
    assert rendering.calls[0]["request"].member_ids == (ids[0], ids[2])


GOOD = IssuanceRequest(C.RESIDENT_RECORD, kind=K.SELF, copies=1)


@pytest.mark.parametrize("change, reason", [
    ({"copies": 0}, Reason.INVALID_COPIES),
    ({"copies": 11}, Reason.INVALID_COPIES),
    ({"copies": "x"}, Reason.INVALID_COPIES),
    ({"copies": -1}, Reason.INVALID_COPIES),
    ({"copies": 2.5}, Reason.INVALID_COPIES),
    ({"copies": True}, Reason.INVALID_COPIES),
    ({"copies": None}, Reason.INVALID_COPIES),
    ({"certificate": "passport"}, Reason.UNKNOWN_CERTIFICATE),
    ({"certificate": C.TAX}, Reason.CERTIFICATE_NOT_OFFERED),          # Izumi: no 課税
    ({"kind": None}, Reason.KIND_NOT_OFFERED),
    ({"kind": "everyone"}, Reason.KIND_NOT_OFFERED),
    ({"kind": K.HOUSEHOLD_SOME}, Reason.NO_MEMBERS_CHOSEN),
    ({"kind": K.HOUSEHOLD_SOME, "member_ids": ("999999",)}, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    ({"kind": K.HOUSEHOLD_SOME, "member_ids": (1,)}, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    ({"fields": frozenset({"photo"})}, Reason.FIELD_NOT_OFFERED),
    ({"fields": "my_number"}, Reason.FIELD_NOT_OFFERED),
    ({"certificate": C.SEAL_REGISTRATION, "kind": K.SELF}, Reason.KIND_NOT_OFFERED),
    ({"certificate": C.SEAL_REGISTRATION, "kind": None,
      "fields": frozenset({PrintedField.MY_NUMBER})}, Reason.FIELD_NOT_OFFERED),
    ({"scope": Scope.HONSEKI}, Reason.CERTIFICATE_NOT_OFFERED),
])
def test_bad_requests_are_typed_errors_without_state_change(login, centre, change, reason):
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, replace(GOOD, copies=2))
    with refused(reason):
        centre.quote(session_id, replace(GOOD, **change))
    assert centre.payment(session_id).due_yen == 400   # the earlier quote stands


def test_member_of_another_household_is_refused(login, centre):
    other_session, _ = login("tomakomai-yoko")
    stranger = centre.members(other_session)[0].member_id
    session_id, _ = login("izumi-taro")
    with refused(Reason.MEMBER_NOT_IN_HOUSEHOLD):
        centre.quote(session_id, replace(GOOD, kind=K.HOUSEHOLD_SOME, member_ids=(stranger,)))


def test_no_requote_once_coins_are_in(login, centre):
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, GOOD)
    centre.insert_coin(session_id, 1, 100)
    with refused(Reason.WRONG_STEP):
        centre.quote(session_id, replace(GOOD, copies=5))
