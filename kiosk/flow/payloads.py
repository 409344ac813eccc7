"""What each event's payload does to the context (`APPLY`); a bad payload (11 copies, an
unavailable certificate) is a `Refusal`, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NoReturn

from backend.api import MAX_COPIES, CertificateCode, IssuanceKind, PrintedField, Scope
from backend.api_services import Service
from backend.reasons import Reason
from kiosk.flow.context import Context
from kiosk.flow.entries import hittosha_problem, normal_kana
from kiosk.flow.states import Event, Refusal, State
from kiosk.flow.table import ASK_BEFORE_QUITTING, PROMPTS_WHEN_IDLE, E, S


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


def _service(c: Context, s: State, e: Event, service: Service = Service.ISSUANCE) -> Context:
    try:
        return replace(c, service=Service(service))
    except ValueError:
        _refuse(s, e, Reason.BAD_REQUEST)


def _prefecture(c: Context, s: State, e: Event, prefecture: str) -> Context:
    if prefecture not in c.prefectures:
        _refuse(s, e, Reason.UNKNOWN_MUNICIPALITY)
    keep = c.honseki_code if prefecture == c.prefecture else None
    return replace(c, prefecture=prefecture, honseki_code=keep,
                   honseki_choices=c.honseki_choices if keep else ())


def _honseki(c: Context, s: State, e: Event, code: str) -> Context:
    choice = next((h for h in c.honseki_choices if h.code == code), None)
    if choice is None:
        _refuse(s, e, Reason.UNKNOWN_MUNICIPALITY)
    if not choice.accepts:
        _refuse(s, e, choice.reason or Reason.HONSEKI_NOT_OFFERED)
    return replace(c, honseki_code=code)


def _hittosha(c: Context, s: State, e: Event, kana: str) -> Context:
    problem = hittosha_problem(kana)
    if problem is not None:
        _refuse(s, e, problem)
    return replace(c, hittosha_kana=normal_kana(kana), notice=None)


def _refused(c: Context, s: State, e: Event, reason: Reason) -> Context:
    return replace(c, busy=False, notice=reason, message=reason)


Apply = Callable[..., Context]
APPLY: dict[Event, Apply] = {
    E.SESSION_OPENED: lambda c, s, e, session_id: replace(c, session_id=session_id),
    E.CARD_PLACED: lambda c, s, e: replace(c, busy=True, notice=None),
    E.CARD_ACCEPTED: lambda c, s, e: replace(c, busy=False, notice=None),
    E.CARD_LIFTED: lambda c, s, e: replace(c, message=Reason.CARD_REMOVED)
    if s in (S.MUNICIPALITY, S.PIN, S.NEW_SIGNING_PIN) else c,
    E.CHOOSE_SERVICE: _service,
    E.PREFECTURES_LOADED: lambda c, s, e, prefectures: replace(c, prefectures=tuple(prefectures)),
    E.PREFECTURE_CHOSEN: _prefecture,
    E.HONSEKI_LOADED: lambda c, s, e, choices: replace(c, honseki_choices=tuple(choices)),
    E.HONSEKI_CHOSEN: _honseki,
    E.HITTOSHA_ENTERED: _hittosha,
    E.CONFIRMED: lambda c, s, e: replace(c, busy=True) if s == S.REGISTRATION_CONFIRM else c,
    E.REGISTERED: lambda c, s, e, receipt: replace(c, busy=False, registration=receipt),
    E.SIGNING_PIN_ENTERED: lambda c, s, e: replace(c, busy=True, notice=None),
    E.SIGNING_PIN_RESET: lambda c, s, e, tries_left: replace(c, busy=False,
                                                            signing_tries_left=tries_left),
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
    E.QUIT: lambda c, s, e: replace(c, resume=s) if s in ASK_BEFORE_QUITTING else c,
    # The session is closed with the refund: nothing is left for END_SESSION to close.
    E.REFUNDED: lambda c, s, e, paid_yen, owed_yen: replace(
        c, session_id=None, refund_yen=paid_yen, refund_owed_yen=owed_yen),
}
