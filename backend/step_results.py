"""How a step's result is kept, so a retry returns exactly what the first call returned.

A step that moves money or paper (`coin:N`, `settle`, `issue`, `copy:N`, `finish`, `cancel`)
writes one `session_steps` row per (session, step); the quoted request (申請内容) waits in
`sessions.request` until issue. Both are JSON columns, so results are stored as JSON.

One codec serves every result (`backend.codec`, which the centre's wire uses too): a frozen
dataclass of `backend.api` becomes a dict of its fields (enums by value, bytes as base64, sets
sorted, tuples as lists) and comes back through its type hints. A new result type needs no new
code here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.api import IssuanceRequest
from backend.codec import from_json, to_json
from backend.models import SessionStep
from backend.reasons import Reason, ServiceError


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
