"""The kiosk's steps as data: one table of state × event → next state + effects (leaflet 001).

Pure: no Textual, no I/O. Screens render `Flow.state` / `Flow.context` and send `Event`s;
the app carries out the returned `Effect`s (backend calls, devices) and reports their
outcome as further events. Guards choose between rows (⑦/⑧ are skipped when the chosen
certificate's `Offering` has no kinds/fields; editing from ⑩ returns to ⑩), and payload
checks refuse bad input (11 copies, an unavailable certificate) without any change.

Nothing personal survives `Effect.END_SESSION`: the app calls `Flow.reset()`, which drops
the whole context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NoReturn

from backend.api import (
    MAX_COPIES, CertificateCode, Holder, IssuanceKind, IssuanceRequest, Member, Offering,
    PaymentState, PrintedField, Quote, Receipt, Scope,
)
from backend.reasons import Reason


class State(StrEnum):
    """One per screen; the value is the screen's stable id."""

    TOP = "top"                        # 行政サービス
    TERMS = "terms"                    # ご利用上の同意事項 → 同意する
    SERVICE_MENU = "service_menu"      # ① 証明書交付サービス
    PLACE_CARD = "place_card"          # ② カードの読み取り
    MUNICIPALITY = "municipality"      # ③ お住まい / 本籍地
    PIN = "pin"                        # ④ 暗証番号
    REMOVE_CARD = "remove_card"        # ⑤ カードの取り外し
    CERTIFICATE = "certificate"        # ⑥ 証明書の種別
    ISSUANCE_KIND = "issuance_kind"    # ⑦ 交付種別
    MEMBERS = "members"                # ⑦ 世帯の一部: who
    FIELDS = "fields"                  # ⑧ 記載事項
    COPIES = "copies"                  # ⑨ 部数
    CONFIRM = "confirm"                # ⑩ 発行内容確認
    PAYMENT = "payment"                # ⑪ 料金支払い
    PRINTING = "printing"              # ⑫ 証明書印刷
    PRINT_FAULT = "print_fault"        # ⑫ printing stopped (jam, paper out)
    TAKE_AWAY = "take_away"            # ⑬ 取り忘れ確認
    RECEIPT = "receipt"                # ⑭ 領収書発行
    MESSAGE = "message"                # a refusal: read, then the session ends
    IDLE_PROMPT = "idle_prompt"        # 続けますか？


class Event(StrEnum):
    # A person's taps
    START = "start"                          # 行政サービス
    AGREE = "agree"                          # 同意する
    CHOOSE_SERVICE = "choose_service"        # 証明書交付サービス
    SCOPE_CHOSEN = "scope_chosen"            # scope=Scope
    PIN_SUBMITTED = "pin_submitted"          # the PIN itself goes to the card only
    CERTIFICATE_CHOSEN = "certificate_chosen"  # certificate=CertificateCode
    KIND_CHOSEN = "kind_chosen"              # kind=IssuanceKind
    MEMBERS_CHOSEN = "members_chosen"        # member_ids=tuple[str, ...]
    FIELDS_CHOSEN = "fields_chosen"          # fields=frozenset[PrintedField]
    COPIES_CHOSEN = "copies_chosen"          # copies=int
    CONFIRMED = "confirmed"                  # ⑩ 確定する
    BACK = "back"                            # 前画面へ
    EDIT_CERTIFICATE = "edit_certificate"    # ⑩ jump back to an item…
    EDIT_KIND = "edit_kind"
    EDIT_MEMBERS = "edit_members"
    EDIT_FIELDS = "edit_fields"
    EDIT_COPIES = "edit_copies"
    VOICE_STOPPED = "voice_stopped"          # ⑬ 受け取りました（音声停止）
    ACKNOWLEDGED = "acknowledged"            # OK on a message
    DONE = "done"                            # ⑭ 終了
    QUIT = "quit"                            # 終了する / 取消
    CONTINUE = "continue"                    # 続ける (idle prompt)
    # The devices and the clock
    CARD_PLACED = "card_placed"
    CARD_LIFTED = "card_lifted"
    TIMEOUT = "timeout"
    # Outcomes of effects
    SESSION_OPENED = "session_opened"        # session_id=str
    CARD_ACCEPTED = "card_accepted"
    REFUSED = "refused"                      # reason=Reason
    AUTHENTICATED = "authenticated"          # holder=Holder, offerings=tuple[Offering, ...]
    PIN_WRONG = "pin_wrong"                  # tries_left=int
    MEMBERS_LOADED = "members_loaded"        # members=tuple[Member, ...]
    QUOTED = "quoted"                        # quote=Quote
    COIN_RECORDED = "coin_recorded"          # payment=PaymentState
    PAID = "paid"                            # payment=PaymentState (settled)
    PRINT_PROGRESS = "print_progress"        # printed=int, total=int
    PRINTED = "printed"                      # printed=int, total=int
    PRINT_FAULT = "print_fault"              # reason=Reason, printed=int, total=int
    RECEIPT_READY = "receipt_ready"          # receipt=Receipt


class Effect(StrEnum):
    """What the app must do after a transition; outcomes come back as events."""

    BEGIN_SESSION = "begin_session"      # centre.begin_session → SESSION_OPENED | REFUSED
    READ_CARD = "read_card"              # read_card + precheck_card → CARD_ACCEPTED | REFUSED
    AUTHENTICATE = "authenticate"        # sign_challenge + authenticate + offerings
    LOAD_MEMBERS = "load_members"        # centre.members → MEMBERS_LOADED
    QUOTE = "quote"                      # centre.quote → QUOTED | REFUSED
    OPEN_COINS = "open_coins"            # the coin vendor takes money for this session
    CLOSE_COINS = "close_coins"
    SETTLE = "settle"                    # centre.settle → PAID | REFUSED; change paid out
    ISSUE_AND_PRINT = "issue_and_print"  # centre.issue, print each copy, report_copy
    START_REMINDER = "start_reminder"    # ⑬ voice, bell and flashing, repeating
    STOP_REMINDER = "stop_reminder"
    FINISH = "finish"                    # centre.finish → receipt printed → RECEIPT_READY
    END_SESSION = "end_session"          # cancel (refund) unless finished, close, forget all


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


@dataclass(frozen=True)
class Row:
    target: State | None          # None: go back to the state the idle prompt interrupted
    effects: tuple[Effect, ...] = ()
    guard: Guard | None = None


@dataclass(frozen=True)
class Context:
    """Everything the session has chosen or learned. Dropped whole at the end."""

    session_id: str | None = None
    busy: bool = False                        # a card read or authentication is under way
    notice: Reason | None = None              # shown inline on the current screen
    tries_left: int | None = None
    scope: Scope | None = None
    holder: Holder | None = None
    offerings: tuple[Offering, ...] = ()
    certificate: CertificateCode | None = None
    kind: IssuanceKind | None = None
    members: tuple[Member, ...] = ()
    member_ids: tuple[str, ...] = ()
    fields: frozenset[PrintedField] | None = None
    copies: int | None = None
    quote: Quote | None = None
    payment: PaymentState | None = None
    printed: int = 0
    total: int = 0
    fault: Reason | None = None
    receipt: Receipt | None = None
    message: Reason | None = None             # the refusal shown by MESSAGE
    editing: bool = False
    resume: State | None = None               # where CONTINUE returns to

    @property
    def offering(self) -> Offering | None:
        return next((o for o in self.offerings if o.certificate == self.certificate), None)

    @property
    def unit_fee(self) -> int:
        o = self.offering
        return o.fee_yen if o else 0

    @property
    def total_yen(self) -> int:
        return self.quote.total_yen if self.quote else self.unit_fee * (self.copies or 0)

    def request(self) -> IssuanceRequest:
        """The ⑩ request, as the backend takes it."""
        assert self.certificate is not None and self.copies is not None
        return IssuanceRequest(
            certificate=self.certificate, scope=self.scope or Scope.RESIDENCE, kind=self.kind,
            member_ids=self.member_ids if self.kind == IssuanceKind.HOUSEHOLD_SOME else (),
            fields=self.fields or frozenset(), copies=self.copies,
        )


class FlowError(Exception):
    """The event does not apply in this state (or no guard allows it): nothing changed."""

    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"{event.value} is not valid in {state.value}")
        self.state = state
        self.event = event


class Refusal(FlowError):
    """The event applies but its payload is refused (e.g. 11 copies): nothing changed."""

    def __init__(self, state: State, event: Event, reason: Reason) -> None:
        super().__init__(state, event)
        self.reason = reason
        self.args = (f"{event.value} refused in {state.value}: {reason.value}",)


# ---------------------------------------------------------------- the table
S, E, X, G = State, Event, Effect, Guard

#: Where inactivity brings up 続けますか？ (printing and the reminder are the machine's turn).
PROMPTS_WHEN_IDLE = (S.TERMS, S.SERVICE_MENU, S.PLACE_CARD, S.MUNICIPALITY, S.PIN,
                     S.REMOVE_CARD, S.CERTIFICATE, S.ISSUANCE_KIND, S.MEMBERS, S.FIELDS,
                     S.COPIES, S.CONFIRM, S.PAYMENT)
#: Before payment 終了する ends the session; after it starts, 取消 refunds (END_SESSION does both).
QUITTABLE = PROMPTS_WHEN_IDLE + (S.MESSAGE, S.IDLE_PROMPT)
END = (X.END_SESSION,)

_after_kind = (Row(S.MEMBERS, (X.LOAD_MEMBERS,), G.KIND_IS_SOME), Row(S.CONFIRM, (), G.EDIT_COMPLETE),
               Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES))
_after_members = (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES))
_before_copies = (Row(S.CONFIRM, (), G.EDITING), Row(S.FIELDS, (), G.HAS_FIELDS),
                  Row(S.MEMBERS, (), G.KIND_IS_SOME), Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),
                  Row(S.CERTIFICATE))

TABLE: dict[tuple[State, Event], tuple[Row, ...]] = {
    (S.TOP, E.START): (Row(S.TERMS),),
    (S.TERMS, E.AGREE): (Row(S.SERVICE_MENU),),
    (S.SERVICE_MENU, E.CHOOSE_SERVICE): (Row(S.PLACE_CARD, (X.BEGIN_SESSION,)),),
    (S.PLACE_CARD, E.SESSION_OPENED): (Row(S.PLACE_CARD),),
    (S.PLACE_CARD, E.CARD_PLACED): (Row(S.PLACE_CARD, (X.READ_CARD,), G.SESSION_OPEN),),
    (S.PLACE_CARD, E.CARD_ACCEPTED): (Row(S.MUNICIPALITY),),
    (S.PLACE_CARD, E.REFUSED): (Row(S.PLACE_CARD, (), G.CARD_RETRYABLE), Row(S.MESSAGE)),
    (S.MUNICIPALITY, E.SCOPE_CHOSEN): (Row(S.PIN),),
    (S.MUNICIPALITY, E.CARD_LIFTED): (Row(S.MESSAGE),),
    (S.PIN, E.PIN_SUBMITTED): (Row(S.PIN, (X.AUTHENTICATE,), G.NOT_BUSY),),
    (S.PIN, E.PIN_WRONG): (Row(S.PIN),),
    (S.PIN, E.AUTHENTICATED): (Row(S.REMOVE_CARD),),
    (S.PIN, E.REFUSED): (Row(S.MESSAGE),),
    (S.PIN, E.CARD_LIFTED): (Row(S.MESSAGE, (), G.NOT_BUSY),),
    (S.REMOVE_CARD, E.CARD_LIFTED): (Row(S.CERTIFICATE),),
    (S.CERTIFICATE, E.CERTIFICATE_CHOSEN): (
        Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),
        Row(S.FIELDS, (), G.HAS_FIELDS), Row(S.COPIES)),
    (S.CERTIFICATE, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE),),
    (S.ISSUANCE_KIND, E.KIND_CHOSEN): _after_kind,
    (S.ISSUANCE_KIND, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.CERTIFICATE)),
    (S.MEMBERS, E.MEMBERS_LOADED): (Row(S.MEMBERS),),
    (S.MEMBERS, E.MEMBERS_CHOSEN): _after_members,
    (S.MEMBERS, E.BACK): (Row(S.ISSUANCE_KIND),),
    (S.MEMBERS, E.REFUSED): (Row(S.MESSAGE),),
    (S.FIELDS, E.FIELDS_CHOSEN): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.COPIES)),
    (S.FIELDS, E.BACK): (Row(S.CONFIRM, (), G.EDIT_COMPLETE), Row(S.MEMBERS, (), G.KIND_IS_SOME),
                         Row(S.ISSUANCE_KIND, (), G.HAS_KINDS), Row(S.CERTIFICATE)),
    (S.COPIES, E.COPIES_CHOSEN): (Row(S.CONFIRM),),
    (S.COPIES, E.BACK): _before_copies,
    (S.CONFIRM, E.QUOTED): (Row(S.CONFIRM),),
    (S.CONFIRM, E.REFUSED): (Row(S.MESSAGE),),
    (S.CONFIRM, E.CONFIRMED): (Row(S.PAYMENT, (), G.QUOTE_READY),),
    (S.CONFIRM, E.BACK): (Row(S.COPIES),),
    (S.CONFIRM, E.EDIT_CERTIFICATE): (Row(S.CERTIFICATE),),
    (S.CONFIRM, E.EDIT_KIND): (Row(S.ISSUANCE_KIND, (), G.HAS_KINDS),),
    (S.CONFIRM, E.EDIT_MEMBERS): (Row(S.MEMBERS, (X.LOAD_MEMBERS,), G.KIND_IS_SOME),),
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
    **{(s, E.QUIT): (Row(S.TOP, END),) for s in QUITTABLE},
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
    if c.kind == IssuanceKind.HOUSEHOLD_SOME and not c.member_ids:
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
}


# ---------------------------------------------------------------- payloads → context
def _refuse(state: State, event: Event, reason: Reason) -> NoReturn:
    raise Refusal(state, event, reason)


def _certificate(c: Context, s: State, e: Event, certificate: CertificateCode) -> Context:
    o = next((o for o in c.offerings if o.certificate == certificate), None)
    if o is None:
        _refuse(s, e, Reason.CERTIFICATE_NOT_OFFERED)
    if not o.available:
        _refuse(s, e, o.reason or Reason.CERTIFICATE_NOT_OFFERED)
    if certificate == c.certificate:
        return c
    # A different certificate: what was chosen for the old one no longer applies.
    return replace(c, certificate=certificate, kind=None, member_ids=(), fields=None, quote=None)


def _kind(c: Context, s: State, e: Event, kind: IssuanceKind) -> Context:
    o = c.offering
    if o is None or kind not in o.kinds:
        _refuse(s, e, Reason.KIND_NOT_OFFERED)
    keep = c.member_ids if kind == IssuanceKind.HOUSEHOLD_SOME else ()
    return replace(c, kind=kind, member_ids=keep, quote=None)


def _members(c: Context, s: State, e: Event, member_ids: tuple[str, ...]) -> Context:
    if not member_ids:
        _refuse(s, e, Reason.NO_MEMBERS_CHOSEN)
    known = {m.member_id for m in c.members}
    if not set(member_ids) <= known:
        _refuse(s, e, Reason.MEMBER_NOT_IN_HOUSEHOLD)
    return replace(c, member_ids=tuple(member_ids), quote=None)


def _fields(c: Context, s: State, e: Event, fields: frozenset[PrintedField]) -> Context:
    o = c.offering
    if o is None or not set(fields) <= set(o.fields):
        _refuse(s, e, Reason.FIELD_NOT_OFFERED)
    return replace(c, fields=frozenset(fields), quote=None)


def _copies(c: Context, s: State, e: Event, copies: int) -> Context:
    if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
        _refuse(s, e, Reason.INVALID_COPIES)
    return replace(c, copies=copies, quote=None)


def _refused(c: Context, s: State, e: Event, reason: Reason) -> Context:
    return replace(c, busy=False, notice=reason, message=reason)


Apply = Callable[..., Context]
APPLY: dict[Event, Apply] = {
    E.SESSION_OPENED: lambda c, s, e, session_id: replace(c, session_id=session_id),
    E.CARD_PLACED: lambda c, s, e: replace(c, busy=True, notice=None),
    E.CARD_ACCEPTED: lambda c, s, e: replace(c, busy=False, notice=None),
    E.CARD_LIFTED: lambda c, s, e: replace(c, message=Reason.CARD_REMOVED)
    if s in (S.MUNICIPALITY, S.PIN) else c,
    E.REFUSED: _refused,
    E.SCOPE_CHOSEN: lambda c, s, e, scope: replace(c, scope=Scope(scope)),
    E.PIN_SUBMITTED: lambda c, s, e: replace(c, busy=True, notice=None),
    E.PIN_WRONG: lambda c, s, e, tries_left: replace(c, busy=False, notice=Reason.PIN_WRONG,
                                                    tries_left=tries_left),
    E.AUTHENTICATED: lambda c, s, e, holder, offerings: replace(
        c, busy=False, notice=None, tries_left=None, holder=holder, offerings=tuple(offerings)),
    E.CERTIFICATE_CHOSEN: _certificate,
    E.KIND_CHOSEN: _kind,
    E.MEMBERS_LOADED: lambda c, s, e, members: replace(c, members=tuple(members)),
    E.MEMBERS_CHOSEN: _members,
    E.FIELDS_CHOSEN: _fields,
    E.COPIES_CHOSEN: _copies,
    E.QUOTED: lambda c, s, e, quote: replace(c, quote=quote),
    E.COIN_RECORDED: lambda c, s, e, payment: replace(c, payment=payment),
    E.PAID: lambda c, s, e, payment: replace(c, payment=payment),
    E.PRINT_PROGRESS: lambda c, s, e, printed, total: replace(c, printed=printed, total=total),
    E.PRINTED: lambda c, s, e, printed, total: replace(c, printed=printed, total=total),
    E.PRINT_FAULT: lambda c, s, e, reason, printed, total: replace(
        c, fault=reason, printed=printed, total=total),
    E.RECEIPT_READY: lambda c, s, e, receipt: replace(c, receipt=receipt),
    **dict.fromkeys((E.EDIT_CERTIFICATE, E.EDIT_KIND, E.EDIT_MEMBERS, E.EDIT_FIELDS, E.EDIT_COPIES),
                    lambda c, s, e: replace(c, editing=True)),
    E.TIMEOUT: lambda c, s, e: replace(c, resume=s) if s in PROMPTS_WHEN_IDLE else c,
}


@dataclass(frozen=True)
class Transition:
    source: State
    event: Event
    target: State
    effects: tuple[Effect, ...]


@dataclass
class Flow:
    """The current step and what has been chosen; `send` is the only way to change them."""

    state: State = State.TOP
    context: Context = field(default_factory=Context)

    def rows(self, event: Event) -> tuple[Row, ...]:
        return TABLE.get((self.state, event), ())

    def accepts(self, event: Event) -> bool:
        return bool(self.rows(event))

    def send(self, event: Event, **payload: Any) -> Transition:
        source = self.state
        rows = self.rows(event)
        if not rows:
            raise FlowError(source, event)
        apply = APPLY.get(event)
        ctx = apply(self.context, source, event, **payload) if apply else self.context
        row = next((r for r in rows if r.guard is None
                    or GUARDS[r.guard](self.context if r.guard in PRECONDITIONS else ctx)), None)
        if row is None:
            raise FlowError(source, event)
        target = row.target if row.target is not None else (ctx.resume or State.TOP)
        if target == State.CONFIRM or source == State.CONFIRM and target == State.PAYMENT:
            ctx = replace(ctx, editing=False)
        if event == Event.CONTINUE:
            ctx = replace(ctx, resume=None)
        effects = row.effects
        if target != source:
            # Leaving for the idle prompt and coming back is not really leaving.
            pausing = State.IDLE_PROMPT in (source, target)
            if not pausing or target == State.TOP:
                effects = ON_EXIT.get(source, ()) + effects + ON_ENTER.get(target, ())
            elif source == State.IDLE_PROMPT and target in ON_ENTER:
                effects = effects + ON_ENTER[target]
        self.state, self.context = target, ctx
        return Transition(source, event, target, effects)

    def reset(self) -> None:
        """End of session: back to the top with nothing remembered."""
        self.state, self.context = State.TOP, Context()

