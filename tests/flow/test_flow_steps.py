"""The flow's rules one at a time: the leaflet's walkthrough with its effects, steps that do not
apply, refused payloads, editing from ⑩, quitting, the idle prompt, card problems, one card
operation at a time, and the flow's purity."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backend.api import (
    CertificateCode as C, IssuanceKind as K, Offering, PaymentState, PrintedField as F, Quote,
    Scope,
)
from backend.reasons import Reason
from kiosk.flow import Context, Effect, Event, Flow, FlowError, Refusal, State
from tests.flow.reference import (ASKED_STEPS, HOLDER, INKAN, JUMINHYO, KOSEKI, RECEIPT, SESSION_STEPS,
                                  reference)

S, E = State, Event


def test_the_leaflet_walkthrough_with_effects() -> None:
    flow = Flow()
    effects: list[Effect] = []
    steps = [
        (E.START, {}), (E.AGREE, {}), (E.CHOOSE_SERVICE, {}), (E.SESSION_OPENED, {"session_id": "s"}),
        (E.CARD_PLACED, {}), (E.CARD_ACCEPTED, {}), (E.SCOPE_CHOSEN, {"scope": Scope.RESIDENCE}),
        (E.PIN_SUBMITTED, {}), (E.AUTHENTICATED, {"holder": HOLDER, "offerings": (JUMINHYO, INKAN)}),
        (E.CARD_LIFTED, {}), (E.CERTIFICATE_CHOSEN, {"certificate": C.RESIDENT_RECORD}),
        (E.KIND_CHOSEN, {"kind": K.HOUSEHOLD_ALL}), (E.FIELDS_CHOSEN, {"fields": frozenset()}),
        (E.COPIES_CHOSEN, {"copies": 2}), (E.QUOTED, {"quote": Quote(C.RESIDENT_RECORD, 200, 2, 400)}),
        (E.CONFIRMED, {}), (E.COIN_RECORDED, {"payment": PaymentState(400, 500)}),
        (E.PAID, {"payment": PaymentState(400, 500, 100, True)}),
        (E.PRINTED, {"printed": 2, "total": 2}), (E.VOICE_STOPPED, {}),
        (E.RECEIPT_READY, {"receipt": RECEIPT}), (E.DONE, {}),
    ]
    states = []
    for event, payload in steps:
        t = flow.send(event, **payload)
        states.append(t.target)
        effects.extend(t.effects)
    assert states[-1] == S.TOP
    assert effects == [
        Effect.BEGIN_SESSION, Effect.READ_CARD, Effect.AUTHENTICATE, Effect.QUOTE, Effect.OPEN_COINS,
        Effect.SETTLE, Effect.CLOSE_COINS, Effect.ISSUE_AND_PRINT, Effect.START_REMINDER,
        Effect.STOP_REMINDER, Effect.FINISH, Effect.END_SESSION,
    ]
    assert flow.context.request().copies == 2


@pytest.mark.parametrize("offering, expected", [
    (INKAN, S.COPIES),                                                    # ⑦ ⑧ skipped
    (KOSEKI, S.COPIES),
    (Offering(C.TAX, 300, True, fields=(F.MY_NUMBER,)), S.FIELDS),         # ⑦ skipped only
    (Offering(C.RESIDENT_RECORD, 200, True, kinds=(K.SELF,)), S.ISSUANCE_KIND),
])
def test_steps_that_do_not_apply_are_skipped(offering: Offering, expected: State) -> None:
    flow = Flow(S.CERTIFICATE, replace(reference(), offerings=(offering,), certificate=None))
    assert flow.send(E.CERTIFICATE_CHOSEN, certificate=offering.certificate).target == expected


def test_skipped_steps_are_skipped_going_back_too() -> None:
    flow = Flow(S.COPIES, replace(reference(), offerings=(INKAN,), certificate=C.SEAL_REGISTRATION,
                                  kind=None, fields=None))
    assert flow.send(E.BACK).target == S.CERTIFICATE
    # and editing from ⑩ cannot reach a step that does not apply
    flow = Flow(S.CONFIRM, flow.context)
    for event in (E.EDIT_KIND, E.EDIT_FIELDS, E.EDIT_MEMBERS):
        with pytest.raises(FlowError):
            flow.send(event)
        assert flow.state == S.CONFIRM


def test_some_members_goes_through_member_choice() -> None:
    flow = Flow(S.ISSUANCE_KIND, reference())
    t = flow.send(E.KIND_CHOSEN, kind=K.HOUSEHOLD_SOME)
    assert (t.target, t.effects) == (S.MEMBERS, (Effect.LOAD_MEMBERS,))
    with pytest.raises(Refusal) as refused:
        flow.send(E.MEMBERS_CHOSEN, member_ids=())
    assert refused.value.reason == Reason.NO_MEMBERS_CHOSEN
    with pytest.raises(Refusal) as refused:
        flow.send(E.MEMBERS_CHOSEN, member_ids=("stranger",))
    assert refused.value.reason == Reason.MEMBER_NOT_IN_HOUSEHOLD
    assert flow.send(E.MEMBERS_CHOSEN, member_ids=("m2",)).target == S.FIELDS
    assert flow.send(E.BACK).target == S.MEMBERS
    assert flow.context.request().member_ids == ("m2",)


@pytest.mark.parametrize("copies", [0, 11, 12, -1, 99, True, "3", None])
def test_copies_outside_one_to_ten_are_refused(copies) -> None:
    flow = Flow(S.COPIES, reference())
    with pytest.raises(Refusal) as refused:
        flow.send(E.COPIES_CHOSEN, copies=copies)
    assert refused.value.reason == Reason.INVALID_COPIES
    assert (flow.state, flow.context) == (S.COPIES, reference())


@pytest.mark.parametrize("copies", range(1, 11))
def test_copies_one_to_ten_go_to_confirmation_and_quote(copies: int) -> None:
    flow = Flow(S.COPIES, reference())
    t = flow.send(E.COPIES_CHOSEN, copies=copies)
    assert (t.target, t.effects, flow.context.copies, flow.context.quote) == (
        S.CONFIRM, (Effect.QUOTE,), copies, None)


def test_unavailable_or_unknown_certificates_are_refused_with_their_reason() -> None:
    flow = Flow(S.CERTIFICATE, reference())
    with pytest.raises(Refusal) as refused:
        flow.send(E.CERTIFICATE_CHOSEN, certificate=C.TAX)
    assert refused.value.reason == Reason.NO_TAX_RECORD
    with pytest.raises(Refusal) as refused:
        flow.send(E.CERTIFICATE_CHOSEN, certificate=C.FAMILY_REGISTER_ADDRESSES)
    assert refused.value.reason == Reason.CERTIFICATE_NOT_OFFERED
    with pytest.raises(FlowError) as wrong_state:
        flow.send(E.KIND_CHOSEN, kind=K.SELF)   # not in this state at all
    assert not isinstance(wrong_state.value, Refusal)
    assert flow.state == S.CERTIFICATE


def test_kinds_and_fields_must_be_offered() -> None:
    narrow = Offering(C.RESIDENT_RECORD, 200, True, kinds=(K.SELF,), fields=(F.MY_NUMBER,))
    flow = Flow(S.ISSUANCE_KIND, replace(reference(), offerings=(narrow,)))
    with pytest.raises(Refusal) as refused:
        flow.send(E.KIND_CHOSEN, kind=K.HOUSEHOLD_ALL)
    assert refused.value.reason == Reason.KIND_NOT_OFFERED
    flow = Flow(S.FIELDS, replace(reference(), offerings=(narrow,)))
    with pytest.raises(Refusal) as refused:
        flow.send(E.FIELDS_CHOSEN, fields=frozenset({F.HONSEKI}))
    assert refused.value.reason == Reason.FIELD_NOT_OFFERED


@pytest.mark.parametrize("edit, screen, event, payload", [
    (E.EDIT_KIND, S.ISSUANCE_KIND, E.KIND_CHOSEN, {"kind": K.HOUSEHOLD_ALL}),
    (E.EDIT_FIELDS, S.FIELDS, E.FIELDS_CHOSEN, {"fields": frozenset(F)}),
    (E.EDIT_COPIES, S.COPIES, E.COPIES_CHOSEN, {"copies": 5}),
    (E.EDIT_CERTIFICATE, S.CERTIFICATE, E.CERTIFICATE_CHOSEN, {"certificate": C.RESIDENT_RECORD}),
])
def test_jump_back_from_confirmation_returns_to_it(edit, screen, event, payload) -> None:
    flow = Flow(S.CONFIRM, reference())
    assert flow.send(edit).target == screen
    t = flow.send(event, **payload)
    assert t.target == S.CONFIRM and Effect.QUOTE in t.effects
    assert not flow.context.editing
    # and the next edit of a later step walks forward normally again
    assert flow.send(E.BACK).target == S.COPIES
    assert flow.send(E.BACK).target == S.FIELDS


def test_jump_back_to_another_certificate_walks_its_own_steps() -> None:
    flow = Flow(S.CONFIRM, reference())
    flow.send(E.EDIT_CERTIFICATE)
    assert flow.send(E.CERTIFICATE_CHOSEN, certificate=C.SEAL_REGISTRATION).target == S.CONFIRM
    ctx = flow.context
    assert (ctx.certificate, ctx.kind, ctx.fields, ctx.copies) == (C.SEAL_REGISTRATION, None, None, 2)
    flow.send(E.EDIT_CERTIFICATE)
    # back to 住民票: its ⑦ and ⑧ must be chosen again before ⑩
    assert flow.send(E.CERTIFICATE_CHOSEN, certificate=C.RESIDENT_RECORD).target == S.ISSUANCE_KIND
    assert flow.send(E.KIND_CHOSEN, kind=K.SELF).target == S.FIELDS
    assert flow.send(E.FIELDS_CHOSEN, fields=frozenset()).target == S.CONFIRM


def test_back_while_editing_returns_to_confirmation_unchanged() -> None:
    flow = Flow(S.CONFIRM, reference())
    flow.send(E.EDIT_FIELDS)
    assert flow.send(E.BACK).target == S.CONFIRM
    assert flow.context.fields == reference().fields
    flow.send(E.EDIT_CERTIFICATE)
    assert flow.send(E.BACK).target == S.CONFIRM


def test_confirmation_needs_a_quote_for_the_current_choice() -> None:
    flow = Flow(S.CONFIRM, replace(reference(), quote=None))
    with pytest.raises(FlowError):
        flow.send(E.CONFIRMED)
    flow.send(E.QUOTED, quote=Quote(C.RESIDENT_RECORD, 200, 3, 600))   # stale: 3 copies
    with pytest.raises(FlowError):
        flow.send(E.CONFIRMED)
    flow.send(E.QUOTED, quote=Quote(C.RESIDENT_RECORD, 200, 2, 400))
    assert flow.send(E.CONFIRMED).effects == (Effect.OPEN_COINS,)


def test_payment_settles_only_when_fully_paid() -> None:
    flow = Flow(S.PAYMENT, replace(reference(), payment=PaymentState(400, 0)))
    assert flow.send(E.COIN_RECORDED, payment=PaymentState(400, 300)).effects == ()
    assert flow.send(E.COIN_RECORDED, payment=PaymentState(400, 500)).effects == (Effect.SETTLE,)


@pytest.mark.parametrize("state", (S.TERMS, S.SERVICE_MENU, S.MESSAGE, S.IDLE_PROMPT))
def test_quit_ends_at_once_where_there_is_nothing_to_lose(state: State) -> None:
    flow = Flow(state, reference())
    t = flow.send(E.QUIT)
    assert t.target == S.TOP and Effect.END_SESSION in t.effects


@pytest.mark.parametrize("state", ASKED_STEPS)
def test_quit_asks_first_once_a_session_is_open(state: State) -> None:
    flow = Flow(state, replace(reference(), payment=None, resume=None))
    before = flow.context
    t = flow.send(E.QUIT)
    assert t.target == S.CONFIRM_QUIT and t.effects == ()          # the step stays as it was
    assert flow.send(E.CONTINUE).target == state and flow.context == before   # いいえ
    flow.send(E.QUIT)
    t = flow.send(E.QUIT_CONFIRMED)                                # はい, no money in
    assert t.target == S.TOP and Effect.END_SESSION in t.effects


def test_cancel_with_money_in_refunds_on_its_own_screen() -> None:
    flow = Flow(S.PAYMENT, reference())                            # 100 yen in
    assert flow.send(E.QUIT).effects == ()                         # the coin slot stays open
    t = flow.send(E.QUIT_CONFIRMED)
    assert t.target == S.REFUND and t.effects == (Effect.CANCEL,)
    flow.send(E.REFUNDED, paid_yen=100, owed_yen=0)
    assert flow.context.refund_yen == 100 and flow.context.session_id is None   # closed with it
    t = flow.send(E.DONE)
    assert t.target == S.TOP and t.effects == (Effect.END_SESSION,)


@pytest.mark.parametrize("state", [S.PRINTING, S.PRINT_FAULT, S.TAKE_AWAY, S.RECEIPT])
def test_no_quit_once_the_machine_is_printing(state: State) -> None:
    with pytest.raises(FlowError):
        Flow(state, reference()).send(E.QUIT)


def test_cancel_after_payment_started_ends_the_session() -> None:
    flow = Flow(S.PAYMENT, replace(reference(), payment=None))
    flow.send(E.QUIT)
    # (as from 続けますか？, the step under the prompt is left by END_SESSION, which closes the
    # coin slot and refunds whatever is in it)
    assert flow.send(E.QUIT_CONFIRMED).effects == (Effect.END_SESSION,)


@pytest.mark.parametrize("state", SESSION_STEPS)
def test_idle_prompt_continue_returns_to_the_same_step(state: State) -> None:
    flow = Flow(state, replace(reference(), resume=None))
    before = flow.context
    assert flow.send(E.TIMEOUT).target == S.IDLE_PROMPT
    assert flow.send(E.CONTINUE).target == state
    assert flow.context == before


@pytest.mark.parametrize("state", SESSION_STEPS)
def test_idle_prompt_timeout_ends_the_session(state: State) -> None:
    flow = Flow(state, reference())
    flow.send(E.TIMEOUT)
    t = flow.send(E.TIMEOUT)
    assert (t.target, t.effects) == (S.TOP, (Effect.END_SESSION,))


def test_pausing_payment_keeps_the_coin_vendor_open() -> None:
    flow = Flow(S.PAYMENT, reference())
    assert flow.send(E.TIMEOUT).effects == ()
    assert flow.send(E.CONTINUE).effects == (Effect.OPEN_COINS,)


def test_card_problems_at_reading_ask_to_place_again_others_end() -> None:
    for reason in (Reason.CARD_UNREADABLE, Reason.UNKNOWN_CARD, Reason.CARD_REMOVED):
        flow = Flow(S.PLACE_CARD, replace(reference(), busy=True))
        assert flow.send(E.REFUSED, reason=reason).target == S.PLACE_CARD
        assert flow.context.notice == reason and not flow.context.busy
    for reason in (Reason.FACE_AUTH_CARD, Reason.CARD_SUSPENDED, Reason.CLOSED_HOURS):
        flow = Flow(S.PLACE_CARD, reference())
        assert flow.send(E.REFUSED, reason=reason).target == S.MESSAGE
        assert flow.context.message == reason


def test_one_card_read_and_one_authentication_at_a_time() -> None:
    flow = Flow(S.PLACE_CARD, Context())
    with pytest.raises(FlowError):
        flow.send(E.CARD_PLACED)              # no session yet
    flow.send(E.SESSION_OPENED, session_id="s")
    assert flow.send(E.CARD_PLACED).effects == (Effect.READ_CARD,)
    with pytest.raises(FlowError):
        flow.send(E.CARD_PLACED)
    flow = Flow(S.PIN, reference())
    assert flow.send(E.PIN_SUBMITTED).effects == (Effect.AUTHENTICATE,)
    with pytest.raises(FlowError):
        flow.send(E.PIN_SUBMITTED)
    with pytest.raises(FlowError):
        flow.send(E.CARD_LIFTED)             # the authentication's own outcome decides
    assert flow.send(E.PIN_WRONG, tries_left=1).target == S.PIN
    assert (flow.context.tries_left, flow.context.notice) == (1, Reason.PIN_WRONG)


def test_print_fault_with_nothing_printed_goes_straight_to_the_receipt() -> None:
    flow = Flow(S.PRINTING, reference())
    flow.send(E.PRINT_FAULT, reason=Reason.PRINTER_PAPER_OUT, printed=0, total=2)
    t = flow.send(E.ACKNOWLEDGED)
    assert (t.target, t.effects) == (S.RECEIPT, (Effect.FINISH,))


def test_reset_forgets_everything() -> None:
    flow = Flow(S.RECEIPT, replace(reference(), receipt=RECEIPT))
    flow.send(E.DONE)
    flow.reset()
    assert flow.context == Context() and flow.state == S.TOP


def test_request_carries_members_only_for_some() -> None:
    ctx = replace(reference(), kind=K.SELF, member_ids=("m1",))
    assert ctx.request().member_ids == ()
    ctx = replace(ctx, kind=K.HOUSEHOLD_SOME)
    assert ctx.request().member_ids == ("m1",)
    assert ctx.total_yen == 400 and replace(ctx, quote=None, copies=3).total_yen == 600


def test_the_flow_is_pure() -> None:
    import ast
    import importlib
    import inspect
    import pkgutil

    import kiosk.flow

    # Every module of the package, and each is read: a module left out would be unchecked.
    modules = [kiosk.flow] + [importlib.import_module(m.name) for m in
                              pkgutil.iter_modules(kiosk.flow.__path__, "kiosk.flow.")]
    assert {m.__name__ for m in modules} >= {"kiosk.flow", "kiosk.flow.states", "kiosk.flow.table"}
    for module in modules:
        tree = ast.parse(inspect.getsource(module))
        names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported = {"kiosk.flow" if n.startswith("kiosk.flow.") else n.split(".")[0] for n in names}
        assert imported <= {"__future__", "collections", "dataclasses", "enum", "typing", "backend",
                            "kiosk.flow"}, module.__name__
