"""The holder's request (申請内容) checked against what was offered at ⑥.

A request comes from the kiosk as plain values; these rules parse it, find the chosen
certificate among the offerings, and check the ⑦ kind (交付種別), the ⑧ fields (記載事項) and
the members of a 世帯の一部 request. Every refusal is a `ServiceError` with its reason.

Members are named by `Member.member_id` (the resident's id as text); `household` lists the
ids of the household's members in household order, which is the order they are printed in.
For an offering that chooses persons (the 戸籍個人事項証明書) they are the ids of the people of
the holder's 戸籍 instead, in its order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TypeVar

from backend.api import IssuanceKind, IssuanceRequest, Offering, PrintedField, Scope
from backend.reasons import Reason, ServiceError
from backend.rules import fees

E = TypeVar("E", bound=Enum)


def parse_choice(enum: type[E], value: object, reason: Reason) -> E:
    """`value` as a member of `enum`, or a refusal with `reason`."""
    try:
        return enum(value)
    except ValueError as exc:
        raise ServiceError(reason, repr(value)) from exc


def parsed_request(request: object) -> IssuanceRequest:
    """The request with its certificate (⑤), scope (③) and copies (⑨) parsed."""
    if not isinstance(request, IssuanceRequest):
        raise ServiceError(Reason.UNKNOWN_CERTIFICATE, "not an IssuanceRequest")
    return dataclasses.replace(
        request, certificate=fees.parse_certificate(request.certificate),
        scope=parse_choice(Scope, request.scope, Reason.CERTIFICATE_NOT_OFFERED),
        copies=fees.parse_copies(request.copies))


def chosen_offering(request: IssuanceRequest, offerings: Iterable[Offering]) -> Offering:
    """The offering the request names; it must be on offer and available to this holder."""
    certificate = request.certificate
    offering = next((o for o in offerings if o.certificate is certificate), None)
    if offering is None:
        raise ServiceError(Reason.CERTIFICATE_NOT_OFFERED, certificate.value)
    if not offering.available:
        raise ServiceError(offering.reason or Reason.CERTIFICATE_NOT_OFFERED, certificate.value)
    return offering


def normalised_request(request: IssuanceRequest, offering: Offering, holder: str,
                       household: Sequence[str]) -> IssuanceRequest:
    """A parsed request with its kind, fields and members checked and members resolved:
    `member_ids` becomes exactly the people to print, in household order."""
    kind = chosen_kind(request.kind, offering)
    fields = chosen_fields(request.fields, offering)
    member_ids = (chosen_persons(request.member_ids, holder, household) if offering.persons
                  else chosen_members(request.member_ids, kind, holder, household))
    return IssuanceRequest(request.certificate, request.scope, kind, member_ids, fields,
                           request.copies)


def chosen_kind(kind: object, offering: Offering) -> IssuanceKind | None:
    """⑦ 交付種別: required where the certificate has kinds, else none."""
    if kind is None:
        if offering.kinds:
            raise ServiceError(Reason.KIND_NOT_OFFERED, "a kind must be chosen")
        return None
    kind = parse_choice(IssuanceKind, kind, Reason.KIND_NOT_OFFERED)
    if kind not in offering.kinds:
        raise ServiceError(Reason.KIND_NOT_OFFERED, kind.value)
    return kind


def chosen_fields(fields: object, offering: Offering) -> frozenset[PrintedField]:
    """⑧ 記載事項: any of the fields offered, none else."""
    if isinstance(fields, (str, bytes)) or not hasattr(fields, "__iter__"):
        raise ServiceError(Reason.FIELD_NOT_OFFERED, repr(fields))
    chosen = frozenset(parse_choice(PrintedField, f, Reason.FIELD_NOT_OFFERED) for f in fields)
    extra = chosen - frozenset(offering.fields)
    if extra:
        raise ServiceError(Reason.FIELD_NOT_OFFERED, ",".join(sorted(extra)))
    return chosen


def chosen_members(member_ids: object, kind: IssuanceKind | None, holder: str,
                   household: Sequence[str]) -> tuple[str, ...]:
    """Who is printed: chosen members (世帯の一部), the whole household (世帯全員), else the
    holder alone. Members are chosen only for 世帯の一部."""
    if isinstance(member_ids, (str, bytes)) or not hasattr(member_ids, "__iter__"):
        raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(member_ids))
    chosen = list(member_ids)
    if kind is IssuanceKind.HOUSEHOLD_SOME:
        if not chosen:
            raise ServiceError(Reason.NO_MEMBERS_CHOSEN)
        strangers = [m for m in chosen if not isinstance(m, str) or m not in household]
        if strangers:
            raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(strangers))
        wanted = set(chosen)
        return tuple(i for i in household if i in wanted)
    if chosen:
        raise ServiceError(Reason.KIND_NOT_OFFERED, "members are chosen only for 世帯の一部")
    if kind is IssuanceKind.HOUSEHOLD_ALL:
        return tuple(household)
    return (holder,)


def chosen_persons(member_ids: object, holder: str, persons: Sequence[str]) -> tuple[str, ...]:
    """⑦ whose 戸籍個人事項証明書: the chosen people of the holder's 戸籍 (`persons`, in its
    order), in that order; none chosen: the holder."""
    if isinstance(member_ids, (str, bytes)) or not hasattr(member_ids, "__iter__"):
        raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(member_ids))
    chosen = list(member_ids)
    strangers = [m for m in chosen if not isinstance(m, str) or m not in persons]
    if strangers:
        raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, repr(strangers))
    wanted = set(chosen) or {holder}
    return tuple(i for i in persons if i in wanted)


__all__ = ["chosen_fields", "chosen_kind", "chosen_members", "chosen_offering", "chosen_persons",
           "normalised_request", "parse_choice", "parsed_request"]
