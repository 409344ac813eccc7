"""Fees, copies and coins."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.api import ACCEPTED_YEN, CertificateCode as C
from backend.demo_data import ARAKAWA, IZUMI, TOMAKOMAI, municipality
from backend.reasons import Reason, ServiceError
from backend.rules.fees import (change_due, parse_certificate, parse_copies, refund_for_unprinted,
                                validate_coin)


def schedule(code):
    return {o.certificate: o.fee_yen for o in municipality(code).offers}


@pytest.mark.parametrize("code, certificate, fee", [
    (TOMAKOMAI, C.RESIDENT_RECORD, 250), (TOMAKOMAI, C.SEAL_REGISTRATION, 250),
    (TOMAKOMAI, C.TAX, 250), (TOMAKOMAI, C.FAMILY_REGISTER_ADDRESSES, 250),
    (TOMAKOMAI, C.FAMILY_REGISTER_ALL, 450), (TOMAKOMAI, C.FAMILY_REGISTER_ONE, 450),
    (ARAKAWA, C.RESIDENT_RECORD, 200), (ARAKAWA, C.SEAL_REGISTRATION, 200),
])
def test_leaflet_fees(code, certificate, fee):
    assert schedule(code)[certificate] == fee


def test_izumi_fees_are_marked_demo():
    assert municipality(IZUMI).fees_are_demo and not municipality(TOMAKOMAI).fees_are_demo


@pytest.mark.parametrize("certificate", [C.TAX, C.FAMILY_REGISTER_ALL, C.FAMILY_REGISTER_ADDRESSES])
def test_arakawa_does_not_offer(certificate):
    assert certificate not in schedule(ARAKAWA)


@pytest.mark.parametrize("value, copies", [(1, 1), (10, 10), ("3", 3), (" 7 ", 7)])
def test_copies_accepted(value, copies):
    assert parse_copies(value) == copies


@pytest.mark.parametrize("value", [0, 11, -1, 100, "x", "", "1.5", 1.0, 2.5, None, True, False,
                                   "１", [1], "0", "11"])
def test_copies_refused(value):
    with pytest.raises(ServiceError) as info:
        parse_copies(value)
    assert info.value.reason is Reason.INVALID_COPIES


@pytest.mark.parametrize("value", ["juminhyo", C.TAX])
def test_certificate_codes(value):
    assert parse_certificate(value) in C


@pytest.mark.parametrize("value", ["passport", "", None, 3])
def test_unknown_certificate(value):
    with pytest.raises(ServiceError) as info:
        parse_certificate(value)
    assert info.value.reason is Reason.UNKNOWN_CERTIFICATE


@pytest.mark.parametrize("yen", ACCEPTED_YEN)
def test_real_coins(yen):
    assert validate_coin(yen) == yen


@pytest.mark.parametrize("yen", [0, 1, 5, -10, -500, 5000, 2000, 10000, 100.0, "100", None, True])
def test_odd_coins(yen):
    with pytest.raises(ServiceError) as info:
        validate_coin(yen)
    assert info.value.reason is Reason.INVALID_COIN


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_change(due, inserted):
    if inserted >= due:
        assert change_due(due, inserted) == inserted - due
    else:
        with pytest.raises(ServiceError):
            change_due(due, inserted)


@given(st.integers(1, 10).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
       st.sampled_from([200, 250, 450]))
def test_refund_for_unprinted(copies_and_printed, unit):
    copies, printed = copies_and_printed
    refund = refund_for_unprinted(unit, copies, printed)
    assert refund + unit * printed == unit * copies


def test_refund_rejects_more_printed_than_requested():
    with pytest.raises(ValueError):
        refund_for_unprinted(200, 2, 3)
