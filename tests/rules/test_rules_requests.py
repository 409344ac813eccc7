"""The holder's request checked against the offerings: kind, fields, members, certificate."""

from __future__ import annotations

import pytest

from backend.api import (CertificateCode as C, IssuanceKind as K, IssuanceRequest, Offering,
                         PrintedField as F, Scope)
from backend.reasons import Reason, ServiceError
from backend.rules.requests import (chosen_fields, chosen_kind, chosen_members, chosen_offering,
                                    chosen_persons, normalised_request, parsed_request)

JUMINHYO = Offering(C.RESIDENT_RECORD, 300, True, None, (K.HOUSEHOLD_ALL, K.HOUSEHOLD_SOME,
                                                          K.SELF), (F.HEAD_AND_RELATION,))
INKAN = Offering(C.SEAL_REGISTRATION, 300, True)
TAX_REFUSED = Offering(C.TAX, 300, False, Reason.NO_TAX_RECORD)
HOUSEHOLD = ("11", "12", "13")     # household order
HOLDER = "12"


def refused(call, *args) -> Reason:
    with pytest.raises(ServiceError) as info:
        call(*args)
    return info.value.reason


def test_parsed_request_parses_plain_values():
    parsed = parsed_request(IssuanceRequest("juminhyo", "honseki", copies="3"))
    assert (parsed.certificate, parsed.scope, parsed.copies) == (C.RESIDENT_RECORD,
                                                                 Scope.HONSEKI, 3)


@pytest.mark.parametrize("request_, reason", [
    ({"certificate": "juminhyo"}, Reason.UNKNOWN_CERTIFICATE),
    (IssuanceRequest("passport"), Reason.UNKNOWN_CERTIFICATE),
    (IssuanceRequest(C.TAX, scope="abroad"), Reason.CERTIFICATE_NOT_OFFERED),
    (IssuanceRequest(C.TAX, copies=11), Reason.INVALID_COPIES),
])
def test_parsed_request_refuses(request_, reason):
    assert refused(parsed_request, request_) is reason


def test_chosen_offering():
    offerings = [JUMINHYO, INKAN, TAX_REFUSED]
    assert chosen_offering(IssuanceRequest(C.SEAL_REGISTRATION), offerings) is INKAN
    assert refused(chosen_offering, IssuanceRequest(C.TAX), offerings) is Reason.NO_TAX_RECORD
    assert refused(chosen_offering, IssuanceRequest(C.FAMILY_REGISTER_ALL),
                   offerings) is Reason.CERTIFICATE_NOT_OFFERED


def test_kind_is_required_only_where_offered():
    assert chosen_kind(None, INKAN) is None
    assert chosen_kind("self", JUMINHYO) is K.SELF
    assert refused(chosen_kind, None, JUMINHYO) is Reason.KIND_NOT_OFFERED
    assert refused(chosen_kind, K.SELF, INKAN) is Reason.KIND_NOT_OFFERED
    assert refused(chosen_kind, "everyone", JUMINHYO) is Reason.KIND_NOT_OFFERED


def test_fields_only_those_offered():
    assert chosen_fields(["head_relation"], JUMINHYO) == {F.HEAD_AND_RELATION}
    assert chosen_fields((), INKAN) == frozenset()
    for fields in ([F.MY_NUMBER], "head_relation", 3, ["colour"]):
        assert refused(chosen_fields, fields, JUMINHYO) is Reason.FIELD_NOT_OFFERED


def test_members_resolved_in_household_order():
    assert chosen_members(["13", "11"], K.HOUSEHOLD_SOME, HOLDER, HOUSEHOLD) == ("11", "13")
    assert chosen_members((), K.HOUSEHOLD_ALL, HOLDER, HOUSEHOLD) == HOUSEHOLD
    assert chosen_members((), K.SELF, HOLDER, HOUSEHOLD) == (HOLDER,)
    assert chosen_members((), None, HOLDER, HOUSEHOLD) == (HOLDER,)


@pytest.mark.parametrize("member_ids, kind, reason", [
    ((), K.HOUSEHOLD_SOME, Reason.NO_MEMBERS_CHOSEN),
    (["11", "99"], K.HOUSEHOLD_SOME, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    ([11], K.HOUSEHOLD_SOME, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    ("11", K.HOUSEHOLD_SOME, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    (None, K.SELF, Reason.MEMBER_NOT_IN_HOUSEHOLD),
    (["11"], K.HOUSEHOLD_ALL, Reason.KIND_NOT_OFFERED),
    (["12"], K.SELF, Reason.KIND_NOT_OFFERED),
])
def test_members_refused(member_ids, kind, reason):
    assert refused(chosen_members, member_ids, kind, HOLDER, HOUSEHOLD) is reason


def test_normalised_request():
    request = IssuanceRequest(C.RESIDENT_RECORD, Scope.RESIDENCE, "household_some",
                              ["13", "12"], ["head_relation"], 2)
    assert normalised_request(request, JUMINHYO, HOLDER, HOUSEHOLD) == IssuanceRequest(
        C.RESIDENT_RECORD, Scope.RESIDENCE, K.HOUSEHOLD_SOME, ("12", "13"),
        frozenset({F.HEAD_AND_RELATION}), 2)


KOJIN = Offering(C.FAMILY_REGISTER_ONE, 450, True, persons=True)
REGISTER = ("k7", "k8", "k9")        # the 戸籍's order
OWN = "k8"


@pytest.mark.parametrize("member_ids, expected", [
    ((), (OWN,)),                      # no one chosen: the holder
    (("k9", "k7"), ("k7", "k9")),      # in the 戸籍's order
    (["k9", "k9"], ("k9",)),
    (REGISTER, REGISTER),
])
def test_persons_of_the_register(member_ids, expected):
    assert chosen_persons(member_ids, OWN, REGISTER) == expected
    request = normalised_request(IssuanceRequest(C.FAMILY_REGISTER_ONE, member_ids=member_ids),
                                 KOJIN, OWN, REGISTER)
    assert request.member_ids == expected and request.kind is None


@pytest.mark.parametrize("member_ids", [("11",), ("k7", "k0"), "k7", None, (7,), (b"k7",)])
def test_persons_refused(member_ids):
    assert refused(chosen_persons, member_ids, OWN, REGISTER) is Reason.MEMBER_NOT_IN_HOUSEHOLD


def test_a_kind_with_persons_is_refused():
    request = IssuanceRequest(C.FAMILY_REGISTER_ONE, kind=K.HOUSEHOLD_SOME, member_ids=("k7",))
    assert refused(normalised_request, request, KOJIN, OWN, REGISTER) is Reason.KIND_NOT_OFFERED
