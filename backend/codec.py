"""The JSON form of the service API's values (`backend.api`, `backend.api_services`).

One codec serves the stored step results (`backend.step_results`) and the centre's wire
(`backend.server`): a frozen dataclass becomes a dict of its fields (enums by value, bytes as
base64, dates and times in ISO 8601, sets sorted, tuples as lists, nested dataclasses as
dicts) and comes back through its type hints. A new result type needs no new code here.

Plain data only: no SQLAlchemy, no server, so a kiosk's client of a remote centre can use it.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def to_json(value: Any) -> dict[str, Any]:
    """A result dataclass as a JSON object (its field names are the keys)."""
    return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """The dataclass `cls` back from `to_json`; keys that are not its fields are ignored."""
    hints = _hints(cls)
    return cls(**{f.name: decode(hints[f.name], data[f.name])
                  for f in dataclasses.fields(cls)})


def encode(value: Any) -> Any:
    """Any API value (a dataclass, a list of them, bytes, an enum…) as plain JSON data."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, (set, frozenset)):
        return sorted(encode(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(hint: Any, value: Any) -> Any:
    """`encode`'s inverse for a value declared as `hint`. TypeError, ValueError or KeyError
    for data that is not such a value."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):       # `X | None`
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return decode(inner, value)
    if origin in (tuple, frozenset, list):
        return origin(decode(typing.get_args(hint)[0], v) for v in value)
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: decode(item, v) for k, v in value.items()}
    if hint is bytes:
        return value if isinstance(value, bytes) else base64.b64decode(value)
    if hint in (int, str, bool):
        if type(value) is not hint:         # not coerced: a wrong answer is no answer
            raise TypeError(f"{value!r} is not {hint.__name__}"[:80])
        return value
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return hint(value)
        if dataclasses.is_dataclass(hint):
            return from_json(hint, value)
        if hint in (datetime, date, time):
            return hint.fromisoformat(value)
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


__all__ = ["decode", "encode", "from_json", "to_json"]
