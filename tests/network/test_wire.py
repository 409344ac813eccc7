"""The wire itself, without a server: every method of the service is on it, every value it
carries comes back as it went, and the schema `kiosk centre openapi` prints is the app's."""

from __future__ import annotations

import inspect
import json
from datetime import date, datetime, time

import pytest

from backend.api import (CertificateCode as C, Holder, IssuanceKind as K, IssuanceRequest,
                         IssuanceService, IssuedCopy, IssueResult, KioskDay, KioskInfo, Member,
                         Offering, OwedRefund, PaymentState, PrintedField as F, Quote, Receipt,
                         Refund, Scope, ServiceHours, SessionStart)
from backend.api_services import HonsekiChoice, RegistrationReceipt, Service
from backend.clock import JST
from backend.codec import decode, encode
from backend.reasons import Reason, ServiceError
from backend.server import wire
from backend.server.app import openapi_schema
from kiosk import cli
from kiosk.remote.client import RemoteCentre

AT = datetime(2026, 6, 10, 10, 0, 7, tzinfo=JST)
KIOSK = KioskInfo("seven-izumi-fuchu", "セブン-イレブン 和泉府中駅前店", "セブン-イレブン", None)
VALUES = [
    (KioskInfo, KIOSK),
    (ServiceHours, ServiceHours(time(6, 30), time(23, 0), Reason.CLOSED_YEAR_END)),
    (KioskDay, KioskDay(3, 4, 1500, 800, 200, 500, 0)),
    (SessionStart, SessionStart("ab" * 16, b"\x00\xff" * 16, KIOSK, AT)),
    (Holder, Holder("和泉 太郎", "272191", "和泉市", None, None)),
    (list[Offering], [Offering(C.RESIDENT_RECORD, 200, True, None, (K.SELF, K.HOUSEHOLD_ALL),
                               (F.MY_NUMBER,)),
                      Offering(C.TAX, 200, False, Reason.NO_TAX_RECORD)]),
    (list[Member], [Member("m1", "和泉 花子", "妻")]),
    (IssuanceRequest, IssuanceRequest(C.RESIDENT_RECORD, Scope.RESIDENCE, K.HOUSEHOLD_SOME,
                                      ("m1", "m2"), frozenset({F.MY_NUMBER, F.HONSEKI}), 3)),
    (Quote, Quote(C.SEAL_REGISTRATION, 200, 2, 400)),
    (PaymentState, PaymentState(400, 500, 100, True)),
    (IssueResult, IssueResult("i1", (IssuedCopy(1, "d1", b"%PDF-1.7\n\x00"),))),
    (Receipt, Receipt("2026061000000001", b"%PDF", 500, 100, 0, 2)),
    (Refund, Refund(150)),
    (list[OwedRefund], [OwedRefund("cd" * 16, 150, AT)]),
    (dict[str, str], {"izumi-taro": "active", "tomakomai-suspended": "suspended"}),
    (list[HonsekiChoice], [HonsekiChoice("012131", "苫小牧市", "北海道", True),
                           HonsekiChoice("272191", "和泉市", "大阪府", False,
                                         Reason.HONSEKI_RESIDENTS_ONLY)]),
    (RegistrationReceipt, RegistrationReceipt("R-1", date(2026, 6, 10), "012131", "苫小牧市",
                                              "北海道", "マチヤ メイ", date(2026, 6, 12))),
    (bytes, b"\x01\x02\x03"), (int, 7), (type(None), None), (Service, Service.SIGNING_PIN_RESET),
]


def test_every_method_of_the_service_is_on_the_wire_and_the_client_has_each() -> None:
    methods = {name for cls in IssuanceService.__mro__ if cls.__module__.startswith("backend")
               for name, value in vars(cls).items()
               if inspect.isfunction(value) and not name.startswith("_")}
    assert set(wire.endpoints()) == methods and len(methods) >= 27
    for name in methods:
        assert inspect.isfunction(getattr(RemoteCentre, name)), name
        # the client's own signature is the protocol's, parameter for parameter
        ours = list(inspect.signature(getattr(RemoteCentre, name)).parameters)
        theirs = list(inspect.signature(getattr(IssuanceService, name)).parameters)
        assert ours == theirs, name


def test_the_kiosk_id_is_never_on_the_wire() -> None:
    for endpoint in wire.endpoints().values():
        assert all(p.name != "kiosk_id" for p in endpoint.params), endpoint.name
    assert wire.endpoints()["begin_session"].kiosk_scoped
    assert wire.endpoints()["quote"].session_scoped
    assert not wire.endpoints()["recover"].session_scoped


@pytest.mark.parametrize("hint, value", VALUES, ids=lambda v: getattr(v, "__name__", None) or "")
def test_every_value_comes_back_through_json_text(hint, value) -> None:
    text = json.dumps(encode(value))
    assert decode(hint, json.loads(text)) == value


def test_an_answer_and_a_refusal_come_back_as_the_method_gave_them() -> None:
    quote = wire.endpoints()["quote"]
    assert wire.result_of(quote, json.loads(json.dumps(wire.answer(Quote(C.TAX, 300, 1, 300))))
                          ) == Quote(C.TAX, 300, 1, 300)
    error = wire.refusal_of(409, wire.refusal(Reason.WRONG_STEP, "open"))
    assert isinstance(error, ServiceError) and error.reason is Reason.WRONG_STEP
    for nonsense in ({"reason": "no_such_reason"}, ["x"], None, {"reason": 5}):
        assert wire.refusal_of(500, nonsense).reason is Reason.SYSTEM_ERROR
    for broken in ({}, [], {"result": {"certificate": "tax"}}):
        with pytest.raises(ValueError):
            wire.result_of(quote, broken)


def test_each_refusal_has_its_status() -> None:
    assert wire.status_for(Reason.UNKNOWN_SESSION) == 404
    assert wire.status_for(Reason.WRONG_STEP) == 409
    assert wire.status_for(Reason.KIOSK_CREDENTIAL_REFUSED) == 403
    assert wire.status_for(Reason.PIN_LOCKED) == 422
    assert wire.status_for(Reason.CENTRE_UNREACHABLE) in wire.RETRYABLE
    assert all(400 <= wire.status_for(r) < 500 for r in Reason
               if r not in (Reason.SYSTEM_ERROR, Reason.CENTRE_UNREACHABLE))


def test_the_schema_names_every_call_with_its_body_and_answer(capsys) -> None:
    schema = openapi_schema()
    assert set(schema["paths"]) == {e.path for e in wire.endpoints().values()}
    quote = schema["paths"]["/v1/quote"]["post"]
    assert quote["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/QuoteBody"}
    assert {"200", "403", "404", "409", "413", "422"} <= set(quote["responses"])
    components = schema["components"]["schemas"]
    assert set(components["QuoteBody"]["properties"]) == {"session_id", "request"}
    assert "kiosk_id" not in components["BeginSessionBody"].get("properties", {})
    assert components["AuthenticateBody"]["properties"]["signature"]["format"] == "base64"
    assert set(components["Reason"]["enum"]) == {r.value for r in Reason}
    assert cli.main(["centre", "openapi"]) == 0
    assert json.loads(capsys.readouterr().out) == schema
