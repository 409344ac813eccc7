"""The table: state × event → the rows to choose from, each a next state and its effects; the
effects of entering and leaving a state; and the guards that choose between rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from backend.api import IssuanceKind
from backend.api_services import Service
from backend.reasons import Reason
from kiosk.flow.context import Context
from kiosk.flow.states import Effect, Event, State


class Guard(StrEnum):
    """Named conditions on the (updated) context that pick one row among several."""

    HAS_KINDS = "has_kinds"
    HAS_FIELDS = "has_fields"
    KIND_IS_SOME = "kind_is_some"
    EDIT_COMPLETE = "edit_complete"      # editing from ⑩ and every applicable choice made
    EDITING = "editing"
    SESSION_OPEN = "session_open"
    NOT_BUSY = "not_busy"                # no card read / authentication under way
    CARD_RETRYABLE = "card_retryable"    # place the card again rather than end
    QUOTE_READY = "quote_ready"
    FULLY_PAID = "fully_paid"
    ANY_PRINTED = "any_printed"
    MONEY_IN = "money_in"                # coins recorded for this session
    PERSONS = "persons"                  # the certificate asks whose (戸籍個人事項証明書)
    CHOOSES_MEMBERS = "chooses_members"  # ⑦ 世帯の一部, or whose 戸籍個人事項証明書
    OTHER_SERVICE = "other_service"      # ① chose 利用登録申請 or 暗証番号初期化 (no ③, no money)
    REGISTRATION = "registration"        # ① chose 戸籍証明書交付の利用登録申請
    PIN_RESET = "pin_reset"              # ① chose 署名用電子証明書の暗証番号初期化


@dataclass(frozen=True)
class Row:
    target: State | None          # None: go back to the state the idle prompt interrupted
    effects: tuple[Effect, ...] = ()
    guard: Guard | None = None


# ---------------------------------------------------------------- the table
S, E, X, G = State, Event, Effect, Guard

#: Where inactivity brings up 続けますか？ (printing and the reminder are the machine's turn).
#: The two free services' steps where a person chooses or types.
OTHER_STEPS = (S.HONSEKI_PREFECTURE, S.HONSEKI_MUNICIPALITY, S.HITTOSHA, S.REGISTRATION_CONFIRM,
               S.NEW_SIGNING_PIN)
PROMPTS_WHEN_IDLE = (S.TERMS, S.SERVICE_MENU, S.PLACE_CARD, S.MUNICIPALITY, S.PIN,
                     S.REMOVE_CARD, S.CERTIFICATE, S.ISSUANCE_KIND, S.MEMBERS, S.FIELDS,
                     S.COPIES, S.CONFIRM, S.PAYMENT) + OTHER_STEPS
#: Where 終了する / 取消 is pressed. Once a session is open (a card may be read, money may be
#: in) it asks 取り消しますか？ first; before that, and from a message or a prompt, it ends.
QUITTABLE = PROMPTS_WHEN_IDLE + (S.MESSAGE, S.IDLE_PROMPT)
ASK_BEFORE_QUITTING = (S.PLACE_CARD, S.MUNICIPALITY, S.PIN, S.REMOVE_CARD, S.CERTIFICATE,
                       S.ISSUANCE_KIND, S.MEMBERS, S.FIELDS, S.COPIES, S.CONFIRM,
                       S.PAYMENT) + OTHER_STEPS
#: Shown over the step they interrupt, which is still there when the person goes on.
PAUSES = (S.IDLE_PROMPT, S.CONFIRM_QUIT)
END = (X.END_SESSION,)

_after_kind = (Row(S.MEMBERS, (X.LOAD_MEMBERS,), G.KIND_IS_SOME), Row(S.CONFIRM, (), G.EDIT_COMPLETE),
               Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES))
_after_members = (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES))
_before_copies = (Row(S.CONFIRM, (), G.EDITING), Row(S.FIELDS, (), G.HAS_FIELDS),
                  Row(S.MEMBERS, (), G.CHOOSES_MEMBERS), Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),
                  Row(S.CERTIFICATE))

TABLE: dict[tuple[State, Event], tuple[Row, ...]] = {
    (S.TOP, E.START): (Row(S.TERMS),),
    (S.TERMS, E.AGREE): (Row(S.SERVICE_MENU),),
    (S.SERVICE_MENU, E.CHOOSE_SERVICE): (Row(S.PLACE_CARD, (X.BEGIN_SESSION,)),),
    (S.PLACE_CARD, E.SESSION_OPENED): (Row(S.PLACE_CARD),),
    (S.PLACE_CARD, E.CARD_PLACED): (Row(S.PLACE_CARD, (X.READ_CARD,), G.SESSION_OPEN),),
    (S.PLACE_CARD, E.CARD_ACCEPTED): (Row(S.PIN, (), G.OTHER_SERVICE), Row(S.MUNICIPALITY)),
    (S.PLACE_CARD, E.REFUSED): (Row(S.PLACE_CARD, (), G.CARD_RETRYABLE), Row(S.MESSAGE)),
    (S.MUNICIPALITY, E.SCOPE_CHOSEN): (Row(S.PIN),),
    (S.MUNICIPALITY, E.CARD_LIFTED): (Row(S.MESSAGE),),
    (S.PIN, E.PIN_SUBMITTED): (Row(S.PIN, (X.AUTHENTICATE,), G.NOT_BUSY),),
    (S.PIN, E.PIN_WRONG): (Row(S.PIN),),
    (S.PIN, E.AUTHENTICATED): (Row(S.NEW_SIGNING_PIN, (), G.PIN_RESET), Row(S.REMOVE_CARD)),
    (S.PIN, E.REFUSED): (Row(S.MESSAGE),),
    (S.PIN, E.CARD_LIFTED): (Row(S.MESSAGE, (), G.NOT_BUSY),),
    (S.REMOVE_CARD, E.CARD_LIFTED): (
        Row(S.HONSEKI_PREFECTURE, (X.LOAD_PREFECTURES,), G.REGISTRATION), Row(S.CERTIFICATE)),
    (S.CERTIFICATE, E.CERTIFICATE_CHOSEN): (
        Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.MEMBERS, (X.LOAD_MEMBERS,), G.PERSONS),
        Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),
        Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES)),
    (S.CERTIFICATE, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE),),
    (S.ISSUANCE_KIND, E.KIND_CHOSEN): _after_kind,
    (S.ISSUANCE_KIND, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.CERTIFICATE)),
    (S.MEMBERS, E.MEMBERS_LOADED): (Row(S.MEMBERS),),
    (S.MEMBERS, E.MEMBERS_CHOSEN): _after_members,
    (S.MEMBERS, E.BACK): (Row(S.CERTIFICATE, (), G.PERSONS), Row(S.ISSUANCE_KIND),),
    (S.MEMBERS, E.REFUSED): (Row(S.MESSAGE),),
    (S.FIELDS, E.FIELDS_CHOSEN): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.COPIES)),
    (S.FIELDS, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.MEMBERS, (), G.CHOOSES_MEMBERS),
                         Row(S.ISSUANCE_KIND, (), G.HAS_KINDS), Row(S.CERTIFICATE)),
    (S.COPIES, E.COPIES_CHOSEN): (Row(S.CONFIRM),),
    (S.COPIES, E.BACK): _before_copies,
    (S.CONFIRM, E.QUOTED): (Row(S.CONFIRM),),
    (S.CONFIRM, E.REFUSED): (Row(S.MESSAGE),),
    (S.CONFIRM, E.CONFIRMED): (Row(S.PAYMENT, (), G.QUOTE_READY),),
    (S.CONFIRM, E.BACK): (Row(S.COPIES),),
    (S.CONFIRM, E.EDIT_CERTIFICATE): (Row(S.CERTIFICATE),),
    (S.CONFIRM, E.EDIT_KIND): (Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),),
    (S.CONFIRM, E.EDIT_MEMBERS): (Row(S.MEMBERS, (X.LOAD_MEMBERS,), G.CHOOSES_MEMBERS),),
    (S.CONFIRM, E.EDIT_FIELDS): (Row(S.FIELDS, (), G.HAS_FIELDS),),
    (S.CONFIRM, E.EDIT_COPIES): (Row(S.COPIES),),
    (S.PAYMENT, E.COIN_RECORDED): (Row(S.PAYMENT, (X.SETTLE,), G.FULLY_PAID), Row(S.PAYMENT)),
    (S.PAYMENT, E.PAID): (Row(S.PRINTING, (X.ISSUE_AND_PRINT,)),),
    (S.PAYMENT, E.REFUSED): (Row(S.MESSAGE),),
    (S.PRINTING, E.PRINT_PROGRESS): (Row(S.PRINTING),),
    (S.PRINTING, E.PRINTED): (Row(S.TAKE_AWAY),),
    (S.PRINTING, E.PRINT_FAULT): (Row(S.PRINT_FAULT),),
    (S.PRINTING, E.REFUSED): (Row(S.MESSAGE),),
    (S.PRINT_FAULT, E.ACKNOWLEDGED): (Row(S.TAKE_AWAY, (), G.ANY_PRINTED), Row(S.RECEIPT, (X.FINISH,))),
    (S.PRINT_FAULT, E.TIMEOUT): (Row(S.TAKE_AWAY, (), G.ANY_PRINTED), Row(S.RECEIPT, (X.FINISH,))),
    (S.TAKE_AWAY, E.VOICE_STOPPED): (Row(S.RECEIPT, (X.FINISH,)),),
    (S.TAKE_AWAY, E.TIMEOUT): (Row(S.RECEIPT, (X.FINISH,)),),
    (S.RECEIPT, E.RECEIPT_READY): (Row(S.RECEIPT),),
    (S.RECEIPT, E.REFUSED): (Row(S.MESSAGE),),
    (S.RECEIPT, E.DONE): (Row(S.TOP, END),),
    (S.RECEIPT, E.TIMEOUT): (Row(S.TOP, END),),
    (S.MESSAGE, E.ACKNOWLEDGED): (Row(S.TOP, END),),
    (S.MESSAGE, E.TIMEOUT): (Row(S.TOP, END),),
    (S.IDLE_PROMPT, E.CONTINUE): (Row(None),),
    (S.IDLE_PROMPT, E.TIMEOUT): (Row(S.TOP, END),),
    (S.CONFIRM_QUIT, E.CONTINUE): (Row(None),),                      # いいえ
    (S.CONFIRM_QUIT, E.QUIT_CONFIRMED): (Row(S.REFUND, (X.CANCEL,), G.MONEY_IN), Row(S.TOP, END)),
    (S.CONFIRM_QUIT, E.TIMEOUT): (Row(S.REFUND, (X.CANCEL,), G.MONEY_IN), Row(S.TOP, END)),
    (S.REFUND, E.REFUNDED): (Row(S.REFUND),),
    (S.REFUND, E.REFUSED): (Row(S.MESSAGE),),
    (S.REFUND, E.DONE): (Row(S.TOP, END),),
    (S.REFUND, E.TIMEOUT): (Row(S.TOP, END),),
    # 戸籍証明書交付の利用登録申請
    (S.HONSEKI_PREFECTURE, E.PREFECTURES_LOADED): (Row(S.HONSEKI_PREFECTURE),),
    (S.HONSEKI_PREFECTURE, E.PREFECTURE_CHOSEN): (
        Row(S.HONSEKI_MUNICIPALITY, (X.LOAD_HONSEKI,)),),
    (S.HONSEKI_PREFECTURE, E.REFUSED): (Row(S.MESSAGE),),
    (S.HONSEKI_MUNICIPALITY, E.HONSEKI_LOADED): (Row(S.HONSEKI_MUNICIPALITY),),
    (S.HONSEKI_MUNICIPALITY, E.HONSEKI_CHOSEN): (Row(S.HITTOSHA),),
    (S.HONSEKI_MUNICIPALITY, E.BACK): (Row(S.HONSEKI_PREFECTURE),),
    (S.HONSEKI_MUNICIPALITY, E.REFUSED): (Row(S.MESSAGE),),
    (S.HITTOSHA, E.HITTOSHA_ENTERED): (Row(S.REGISTRATION_CONFIRM),),
    (S.HITTOSHA, E.BACK): (Row(S.HONSEKI_MUNICIPALITY),),
    (S.REGISTRATION_CONFIRM, E.CONFIRMED): (
        Row(S.REGISTRATION_CONFIRM, (X.APPLY_REGISTRATION,), G.NOT_BUSY),),
    (S.REGISTRATION_CONFIRM, E.BACK): (Row(S.HITTOSHA, (), G.NOT_BUSY),),
    (S.REGISTRATION_CONFIRM, E.REGISTERED): (Row(S.REGISTRATION_DONE),),
    (S.REGISTRATION_CONFIRM, E.REFUSED): (Row(S.MESSAGE),),
    (S.REGISTRATION_DONE, E.DONE): (Row(S.TOP, END),),
    (S.REGISTRATION_DONE, E.TIMEOUT): (Row(S.TOP, END),),
    # 署名用電子証明書の暗証番号初期化
    (S.NEW_SIGNING_PIN, E.SIGNING_PIN_ENTERED): (
        Row(S.PIN_RESETTING, (X.RESET_SIGNING_PIN,), G.NOT_BUSY),),
    (S.NEW_SIGNING_PIN, E.CARD_LIFTED): (Row(S.MESSAGE),),
    (S.PIN_RESETTING, E.SIGNING_PIN_RESET): (Row(S.PIN_RESET_DONE),),
    (S.PIN_RESETTING, E.REFUSED): (Row(S.MESSAGE),),
    (S.PIN_RESET_DONE, E.CARD_LIFTED): (Row(S.TOP, END),),
    (S.PIN_RESET_DONE, E.DONE): (Row(S.TOP, END),),
    (S.PIN_RESET_DONE, E.TIMEOUT): (Row(S.TOP, END),),
    **{(s, E.QUIT): (Row(S.TOP, END),) for s in QUITTABLE},
    **{(s, E.QUIT): (Row(S.CONFIRM_QUIT),) for s in ASK_BEFORE_QUITTING},
    **{(s, E.TIMEOUT): (Row(S.IDLE_PROMPT),) for s in PROMPTS_WHEN_IDLE},
}

#: Done on entering / leaving a state (whatever row led there).
ON_ENTER: dict[State, tuple[Effect, ...]] = {
    S.CONFIRM: (X.QUOTE,),
    S.PAYMENT: (X.OPEN_COINS,),
    S.TAKE_AWAY: (X.START_REMINDER,),
}
ON_EXIT: dict[State, tuple[Effect, ...]] = {
    S.PAYMENT: (X.CLOSE_COINS,),
    S.TAKE_AWAY: (X.STOP_REMINDER,),
}

#: Card problems that ask to place the card again instead of ending the session.
RETRYABLE_CARD_REASONS = frozenset({Reason.NO_CARD, Reason.UNKNOWN_CARD, Reason.CARD_REMOVED,
                                    Reason.CARD_UNREADABLE})


# ---------------------------------------------------------------- guards
def _chosen_complete(c: Context) -> bool:
    o = c.offering
    if o is None or c.copies is None:
        return False
    if o.kinds and c.kind is None:
        return False
    if (c.kind == IssuanceKind.HOUSEHOLD_SOME or o.persons) and not c.member_ids:
        return False
    return not (o.fields and c.fields is None)


#: Guards about whether the event may happen at all: judged on the context before the event.
#: The others route on the context as the event leaves it.
PRECONDITIONS = frozenset({Guard.SESSION_OPEN, Guard.NOT_BUSY})

GUARDS: dict[Guard, Callable[[Context], bool]] = {
    G.HAS_KINDS: lambda c: bool(c.offering and c.offering.kinds),
    G.HAS_FIELDS: lambda c: bool(c.offering and c.offering.fields),
    G.KIND_IS_SOME: lambda c: c.kind == IssuanceKind.HOUSEHOLD_SOME,
    G.EDIT_COMPLETE: lambda c: c.editing and _chosen_complete(c),
    G.EDITING: lambda c: c.editing,
    G.SESSION_OPEN: lambda c: c.session_id is not None and not c.busy,
    G.NOT_BUSY: lambda c: not c.busy,
    G.CARD_RETRYABLE: lambda c: c.notice in RETRYABLE_CARD_REASONS,
    G.QUOTE_READY: lambda c: c.quote is not None and c.quote.copies == c.copies
    and c.quote.certificate == c.certificate,
    G.FULLY_PAID: lambda c: c.payment is not None and c.payment.remaining_yen == 0,
    G.ANY_PRINTED: lambda c: c.printed > 0,
    G.MONEY_IN: lambda c: c.payment is not None and c.payment.inserted_yen > 0,
    G.PERSONS: lambda c: bool(c.offering and c.offering.persons),
    G.CHOOSES_MEMBERS: lambda c: c.chooses_members,
    G.OTHER_SERVICE: lambda c: c.service != Service.ISSUANCE,
    G.REGISTRATION: lambda c: c.service == Service.HONSEKI_REGISTRATION,
    G.PIN_RESET: lambda c: c.service == Service.SIGNING_PIN_RESET,
}
