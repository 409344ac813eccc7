"""The centre's wire: one `POST /v1/<method>` per method of `IssuanceService`, read off the
protocol itself, so a method added there is on the wire with nothing to add here.

A body is a JSON object of the method's arguments by name, in `backend.codec`'s form (bytes
as base64, enums by value, dataclasses as objects); the answer is `{"result": …}` in the same
form. A refusal is `{"reason": "<Reason value>", "detail": "…"}` with a 4xx status (5xx only
for the centre's own failures). `kiosk_id` is never on the wire: the centre takes it from the
caller's TLS certificate, and a call naming a session is answered only for that kiosk's own.

Plain data (no server, no database): the kiosk's client (`kiosk.remote`) uses it as it is.
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from backend.api import IssuanceService
from backend.codec import decode, encode
from backend.reasons import Reason, ServiceError

PREFIX = "/v1"
MAX_BODY_BYTES = 64 * 1024      # the largest call (④: a certificate and a signature) is ~3 KiB
KIOSK_PARAM = "kiosk_id"
SESSION_PARAM = "session_id"

#: The status of each refusal; any other Reason is 422 (understood, and refused by a rule).
STATUS: dict[Reason, int] = {
    Reason.BAD_REQUEST: 400,
    Reason.KIOSK_CREDENTIAL_REFUSED: 403,
    Reason.UNKNOWN_KIOSK: 403,
    Reason.UNKNOWN_SESSION: 404,
    Reason.SESSION_CLOSED: 409,
    Reason.WRONG_STEP: 409,
    Reason.KIOSK_BUSY: 409,
    Reason.CHALLENGE_REUSED: 409,
    Reason.TIMED_OUT: 409,
    Reason.SYSTEM_ERROR: 500,
    Reason.CENTRE_UNREACHABLE: 503,
}
#: Answers a client may try again, elsewhere or later: the call did not reach the centre's
#: work (a proxy's 502/504), or the centre could not reach its database (503).
RETRYABLE = frozenset({502, 503, 504})


def status_for(reason: Reason) -> int:
    return STATUS.get(reason, 422)


@dataclass(frozen=True)
class Param:
    name: str
    hint: Any
    default: Any = inspect.Parameter.empty

    @property
    def required(self) -> bool:
        return self.default is inspect.Parameter.empty


@dataclass(frozen=True)
class Endpoint:
    """One method of the service on the wire."""

    name: str
    params: tuple[Param, ...]      # the body's fields, in order (never `kiosk_id`)
    result: Any                    # the method's return type
    kiosk_scoped: bool             # takes `kiosk_id`: the caller's own, from its certificate
    summary: str

    @property
    def path(self) -> str:
        return f"{PREFIX}/{self.name}"

    @property
    def session_scoped(self) -> bool:
        """Names a session: answered only when the session is the caller's."""
        return any(p.name == SESSION_PARAM for p in self.params)


@cache
def endpoints() -> dict[str, Endpoint]:
    """Every method of `IssuanceService` (its own first, then the other services'), by name."""
    found: dict[str, Endpoint] = {}
    for cls in IssuanceService.__mro__:
        if cls in (typing.Protocol, typing.Generic, object):
            continue
        for name, method in vars(cls).items():
            if name.startswith("_") or not inspect.isfunction(method) or name in found:
                continue
            found[name] = _endpoint(name, method)
    return found


def _endpoint(name: str, method: Any) -> Endpoint:
    hints = typing.get_type_hints(method)
    signature = inspect.signature(method)
    params = tuple(Param(p.name, hints[p.name], p.default)
                   for p in list(signature.parameters.values())[1:] if p.name != KIOSK_PARAM)
    doc = inspect.getdoc(method) or name.replace("_", " ")
    return Endpoint(name, params, hints["return"], KIOSK_PARAM in signature.parameters,
                    " ".join(doc.split("\n\n")[0].split()))


# --- the kiosk's side ------------------------------------------------------------------------

def request_body(endpoint: Endpoint, args: dict[str, Any]) -> dict[str, Any]:
    """The body of a call with these arguments (`kiosk_id` is not sent: the certificate says)."""
    return {p.name: encode(args[p.name]) for p in endpoint.params if p.name in args}


def result_of(endpoint: Endpoint, answer: Any) -> Any:
    """The method's return value from its answer. ValueError if it is not one."""
    if not isinstance(answer, dict) or "result" not in answer:
        raise ValueError(f"{endpoint.name}: not an answer")
    try:
        return decode(endpoint.result, answer["result"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{endpoint.name}: {type(exc).__name__}") from None


def refusal_of(status: int, answer: Any) -> ServiceError:
    """The centre's refusal as the ServiceError the method would have raised in process."""
    fields = answer if isinstance(answer, dict) else {}
    reason, detail = fields.get("reason"), fields.get("detail")
    if isinstance(reason, str) and reason in Reason.__members__.values():
        return ServiceError(Reason(reason), str(detail or "")[:200])
    return ServiceError(Reason.SYSTEM_ERROR, f"HTTP {status}: {str(answer)[:120]}")


# --- the centre's side -----------------------------------------------------------------------

def call_arguments(endpoint: Endpoint, body: dict[str, Any]) -> dict[str, Any]:
    """The method's arguments from a body already checked against its schema."""
    return {p.name: decode(p.hint, body[p.name]) for p in endpoint.params if p.name in body}


def answer(result: Any) -> dict[str, Any]:
    return {"result": encode(result)}


def refusal(reason: Reason, detail: str = "") -> dict[str, str]:
    return {"reason": reason.value, "detail": detail[:300]}


__all__ = ["MAX_BODY_BYTES", "PREFIX", "RETRYABLE", "Endpoint", "Param", "answer",
           "call_arguments", "endpoints", "refusal", "refusal_of", "request_body", "result_of",
           "status_for"]
