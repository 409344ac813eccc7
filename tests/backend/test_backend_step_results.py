"""Step results kept as JSON come back as the very values the first call returned."""

from __future__ import annotations

import json

import pytest

from backend.api import (CertificateCode as C, IssuanceKind as K, IssuanceRequest, PaymentState,
                         PrintedField as F, Receipt, Refund, Scope)
from backend.reasons import Reason, ServiceError
from backend.step_results import from_json, quoted_request, quoted_request_json, to_json


@pytest.mark.parametrize("value", [
    PaymentState(300, 100), PaymentState(300, 500, 200, True),
    Receipt("2026040100000042", b"%PDF-1.7\x00\xff", 1000, 400, 300, 1),
    Receipt("2026040100000043", b"", 0, 0, 0, 0),
    Refund(560),
])
def test_round_trip_through_json_text(value):
    data = json.loads(json.dumps(to_json(value)))
    assert from_json(type(value), data) == value


def test_stored_form_is_plain_and_stable():
    # Rows written before a change must still read back: the keys are the field names.
    assert to_json(PaymentState(300, 500, 200, True)) == {
        "due_yen": 300, "inserted_yen": 500, "change_yen": 200, "settled": True}
    assert to_json(Receipt("7", b"\x01\x02", 1, 2, 3, 4))["pdf"] == "AQI="
    assert to_json(Refund(10)) == {"yen": 10}


def test_quoted_request_keeps_request_and_unit_fee():
    request = IssuanceRequest(C.RESIDENT_RECORD, Scope.RESIDENCE, K.HOUSEHOLD_SOME, ("12", "11"),
                              frozenset({F.MY_NUMBER, F.HEAD_AND_RELATION}), 3)
    data = json.loads(json.dumps(quoted_request_json(request, 300)))
    assert data["unit_fee_yen"] == 300
    assert data["fields"] == ["head_relation", "my_number"]
    back = quoted_request(data)
    assert back == request
    assert isinstance(back.member_ids, tuple) and back.kind is K.HOUSEHOLD_SOME
    assert quoted_request(quoted_request_json(IssuanceRequest(C.TAX), 200)).kind is None


def test_no_quoted_request_is_a_wrong_step():
    with pytest.raises(ServiceError) as info:
        quoted_request(None)
    assert info.value.reason is Reason.WRONG_STEP
