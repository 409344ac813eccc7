"""① The two free services as the flow runs them: 利用登録申請 skips ③ and takes the card back
at ⑤ before the 本籍地 is chosen; 暗証番号初期化 skips ③ and keeps the card on for the reset.
Neither reaches a step that takes money. And what their keyboards accept."""

from __future__ import annotations

import pytest

from backend.api_services import Service
from backend.reasons import Reason
from kiosk.flow import Effect, Event, Flow, FlowError, Refusal, State
from kiosk.flow.entries import hittosha_problem, normal_kana, signing_pin_problem
from tests.flow.reference import HOLDER, REGISTRATION, SAPPORO, TOMAKOMAI

S, E, X = State, Event, Effect


def _to_pin(service: Service) -> Flow:
    flow = Flow()
    for event, payload in ((E.START, {}), (E.AGREE, {}), (E.CHOOSE_SERVICE, {"service": service}),
                           (E.SESSION_OPENED, {"session_id": "s-1"}), (E.CARD_PLACED, {}),
                           (E.CARD_ACCEPTED, {})):
        flow.send(event, **payload)
    return flow


def test_a_registration_runs_from_the_menu_to_the_slip() -> None:
    flow = _to_pin(Service.HONSEKI_REGISTRATION)
    assert flow.state == S.PIN                             # no ③: the 本籍地 comes later
    flow.send(E.PIN_SUBMITTED)
    flow.send(E.AUTHENTICATED, holder=HOLDER, offerings=())
    assert flow.state == S.REMOVE_CARD                     # the kiosk path needs no card after ④
    assert flow.send(E.CARD_LIFTED).effects == (X.LOAD_PREFECTURES,)
    assert flow.state == S.HONSEKI_PREFECTURE
    flow.send(E.PREFECTURES_LOADED, prefectures=("北海道", "大阪府"))
    assert flow.send(E.PREFECTURE_CHOSEN, prefecture="北海道").effects == (X.LOAD_HONSEKI,)
    flow.send(E.HONSEKI_LOADED, choices=(TOMAKOMAI, SAPPORO))
    with pytest.raises(Refusal) as refused:                # shown, with its reason, not chosen
        flow.send(E.HONSEKI_CHOSEN, code=SAPPORO.code)
    assert refused.value.reason == Reason.HONSEKI_NOT_OFFERED and flow.state == S.HONSEKI_MUNICIPALITY
    flow.send(E.HONSEKI_CHOSEN, code=TOMAKOMAI.code)
    with pytest.raises(Refusal):
        flow.send(E.HITTOSHA_ENTERED, kana="まちや")
    flow.send(E.HITTOSHA_ENTERED, kana=" マチヤ  メイ ")
    assert flow.state == S.REGISTRATION_CONFIRM
    assert flow.context.hittosha_kana == "マチヤ\u3000メイ" and flow.context.honseki_choice == TOMAKOMAI
    assert flow.send(E.CONFIRMED).effects == (X.APPLY_REGISTRATION,)
    with pytest.raises(FlowError):                         # busy: a second tap sends nothing
        flow.send(E.CONFIRMED)
    flow.send(E.REGISTERED, receipt=REGISTRATION)
    assert flow.state == S.REGISTRATION_DONE and flow.context.registration == REGISTRATION
    assert flow.send(E.DONE).effects == (X.END_SESSION,)


def test_back_keeps_the_choices() -> None:
    flow = _to_pin(Service.HONSEKI_REGISTRATION)
    flow.send(E.PIN_SUBMITTED)
    flow.send(E.AUTHENTICATED, holder=HOLDER, offerings=())
    flow.send(E.CARD_LIFTED)
    flow.send(E.PREFECTURES_LOADED, prefectures=("北海道",))
    flow.send(E.PREFECTURE_CHOSEN, prefecture="北海道")
    flow.send(E.HONSEKI_LOADED, choices=(TOMAKOMAI,))
    flow.send(E.HONSEKI_CHOSEN, code=TOMAKOMAI.code)
    flow.send(E.BACK)
    flow.send(E.BACK)
    assert flow.state == S.HONSEKI_PREFECTURE
    with pytest.raises(Refusal):
        flow.send(E.PREFECTURE_CHOSEN, prefecture="火星")
    flow.send(E.PREFECTURE_CHOSEN, prefecture="北海道")    # the same one: the choice is kept
    assert flow.context.honseki_code == TOMAKOMAI.code


def test_a_reset_keeps_the_card_on_and_ends_when_it_is_taken() -> None:
    flow = _to_pin(Service.SIGNING_PIN_RESET)
    flow.send(E.PIN_SUBMITTED)
    flow.send(E.AUTHENTICATED, holder=HOLDER, offerings=())
    assert flow.state == S.NEW_SIGNING_PIN
    assert flow.send(E.SIGNING_PIN_ENTERED).effects == (X.RESET_SIGNING_PIN,)
    flow.send(E.SIGNING_PIN_RESET, tries_left=5)
    assert flow.state == S.PIN_RESET_DONE and flow.context.signing_tries_left == 5
    assert flow.send(E.CARD_LIFTED).target == S.TOP


def test_a_reset_card_lifted_before_the_reset_ends_the_session() -> None:
    flow = _to_pin(Service.SIGNING_PIN_RESET)
    flow.send(E.PIN_SUBMITTED)
    flow.send(E.AUTHENTICATED, holder=HOLDER, offerings=())
    flow.send(E.CARD_LIFTED)
    assert flow.state == S.MESSAGE and flow.context.message == Reason.CARD_REMOVED


def test_an_unknown_service_is_refused() -> None:
    flow = Flow()
    flow.send(E.START)
    flow.send(E.AGREE)
    with pytest.raises(Refusal):
        flow.send(E.CHOOSE_SERVICE, service="lottery")
    assert flow.state == S.SERVICE_MENU


@pytest.mark.parametrize("kana, ok", [
    ("マチヤ　メイ", True), ("オオモリ ダイキチ", True), ("ヴァーチャ", True), ("", False),
    ("   ", False), ("まちや", False), ("町屋", False), ("MACHIYA", False), ("ア" * 20, True),
    ("ア" * 21, False), (None, False), ("マチヤ\nメイ", False),
])
def test_hittosha_names(kana, ok) -> None:
    assert (hittosha_problem(kana) is None) is ok


def test_names_are_spaced_one_way() -> None:
    assert normal_kana("  マチヤ   メイ ") == normal_kana("マチヤ\u3000メイ") == "マチヤ\u3000メイ"


@pytest.mark.parametrize("first, second, problem", [
    ("ABC123", None, None), ("ABC123", "ABC123", None), ("ABC123", "ABC124", Reason.SIGNING_PIN_MISMATCH),
    ("A1B2C3D4E5F6G7H8", None, None), ("A1B2C3D4E5F6G7H8I", None, Reason.SIGNING_PIN_FORMAT),
    ("AB12", None, Reason.SIGNING_PIN_FORMAT), ("ABCDEF", None, Reason.SIGNING_PIN_FORMAT),
    ("123456", None, Reason.SIGNING_PIN_FORMAT), ("abc123", None, Reason.SIGNING_PIN_FORMAT),
    ("ABC 123", None, Reason.SIGNING_PIN_FORMAT), ("ＡＢＣ１２３", None, Reason.SIGNING_PIN_FORMAT),
    (None, None, Reason.SIGNING_PIN_FORMAT),
])
def test_signing_passwords(first, second, problem) -> None:
    assert signing_pin_problem(first, second) == problem
