"""The wire's types for the OpenAPI schema and the checking of bodies: one pydantic model per
call's body (`QuoteBody`…), per answer (`QuoteAnswer`…) and per dataclass of the API (named
as the dataclass), derived from the wire's table (`backend.server.wire`), so the schema is
the API's own.

Bodies are checked strictly: a number where a string goes, a string where a number goes, or
`true` for a copy number is a typed refusal (422), never coerced. Bytes are base64 strings.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import time
from typing import Annotated, Any

from pydantic import (Base64Bytes, BaseModel, ConfigDict, StrictBool, StrictInt, StrictStr,
                      WithJsonSchema, create_model)

from backend.reasons import Reason
from backend.server.wire import Endpoint

_CONFIG = ConfigDict(extra="ignore")     # a field the call does not take is not read
# A time of day on the wire is the kiosk's local time (its zone is the kiosk's): no offset,
# which JSON Schema's "time" format would require.
LOCAL_TIME = Annotated[time, WithJsonSchema({
    "type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
    "description": "a local time of day (HH:MM:SS) in the kiosk's own zone"})]


class Refused(BaseModel):
    """A refusal: the reason code (the kiosk words it) and a detail for logs and staff."""

    reason: Reason
    detail: str


def wire_type(hint: Any) -> Any:
    """The pydantic type of an API type on the wire."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [wire_type(a) for a in typing.get_args(hint) if a is not type(None)]
        return functools.reduce(lambda a, b: a | b, inner) | None
    if origin is tuple:
        return tuple[wire_type(typing.get_args(hint)[0]), ...]  # type: ignore[misc]
    if origin in (frozenset, list):
        return origin[wire_type(typing.get_args(hint)[0])]
    if origin is dict:
        key, item = typing.get_args(hint)
        return dict[wire_type(key), wire_type(item)]  # type: ignore[misc]
    if hint is type(None):
        return None
    simple = {bytes: Base64Bytes, str: StrictStr, int: StrictInt, bool: StrictBool,
              time: LOCAL_TIME}
    if hint in simple:
        return simple[hint]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return dataclass_model(hint)
    return hint                               # enums, datetime, date, time


@functools.cache
def dataclass_model(cls: type) -> type[BaseModel]:
    """The model of one of the API's dataclasses, under the dataclass's own name."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = ...
        fields[f.name] = (wire_type(hints[f.name]), default)
    return create_model(cls.__name__, __config__=_CONFIG, __doc__=cls.__doc__, **fields)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


@functools.cache
def body_model(endpoint: Endpoint) -> type[BaseModel]:
    """The body of a call: its arguments by name (a JSON object, `{}` when there are none)."""
    fields: dict[str, Any] = {
        p.name: (wire_type(p.hint), ... if p.required else p.default) for p in endpoint.params}
    return create_model(f"{_camel(endpoint.name)}Body", __config__=_CONFIG, **fields)


@functools.cache
def answer_model(endpoint: Endpoint) -> type[BaseModel]:
    """The answer of a call: `{"result": …}`."""
    return create_model(f"{_camel(endpoint.name)}Answer", __config__=_CONFIG,
                        result=(wire_type(endpoint.result), ...))


__all__ = ["Refused", "answer_model", "body_model", "dataclass_model", "wire_type"]
