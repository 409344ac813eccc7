"""How a step's result is kept, so a retry returns exactly what the first call returned.

A step that moves money or paper (`coin:N`, `settle`, `issue`, `copy:N`, `finish`, `cancel`)
writes one `session_steps` row per (session, step); the quoted request (申請内容) waits in
`sessions.request` until issue. Both are JSON columns, so results are stored as JSON.

One codec serves every result: a frozen dataclass of `backend.api` becomes a dict of its
fields (enums by value, bytes as base64, sets sorted, tuples as lists) and comes back through
its type hints. A new result type needs no new code here.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import types
import typing
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from backend.api import IssuanceRequest
from backend.models import SessionStep
from backend.reasons import Reason, ServiceError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


# --- the codec -------------------------------------------------------------------------------

def to_json(value: Any) -> dict[str, Any]:
    """A result dataclass as a JSON object (its field names are the keys)."""
    return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """The dataclass `cls` back from `to_json`; keys that are not its fields are ignored."""
    hints = _hints(cls)
    return cls(**{f.name: _decode(hints[f.name], data[f.name])
                  for f in dataclasses.fields(cls)})


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(_encode(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):       # `X | None`
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(inner, value)
    if origin in (tuple, frozenset):
        return origin(_decode(typing.get_args(hint)[0], v) for v in value)
    if hint is bytes:
        return base64.b64decode(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


# --- session_steps ---------------------------------------------------------------------------

def stored(s: Session, session_id: str, step: str) -> dict[str, Any] | None:
    """The result this step already returned in this session, if it ran."""
    row = s.get(SessionStep, (session_id, step))
    return None if row is None else row.result


def store(s: Session, session_id: str, step: str, result: dict[str, Any],
          at: datetime) -> dict[str, Any]:
    s.add(SessionStep(session_id=session_id, step=step, result=result, at=at))
    return result


# --- the quoted request ----------------------------------------------------------------------

def quoted_request_json(request: IssuanceRequest, unit_fee_yen: int) -> dict[str, Any]:
    """What `quote` fixes: the normalised request and the unit fee charged for it."""
    return {**to_json(request), "unit_fee_yen": unit_fee_yen}


def quoted_request(data: dict[str, Any] | None) -> IssuanceRequest:
    if data is None:
        raise ServiceError(Reason.WRONG_STEP, "no quoted request")
    return from_json(IssuanceRequest, data)


def quoted_unit_fee(data: dict[str, Any] | None) -> int:
    """The unit fee `quote` fixed with the request."""
    if data is None:
        raise ServiceError(Reason.WRONG_STEP, "no quoted request")
    fee: int = data["unit_fee_yen"]
    return fee


__all__ = ["from_json", "quoted_request", "quoted_request_json", "quoted_unit_fee", "store",
           "stored", "to_json"]
