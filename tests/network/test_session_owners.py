"""Whose each session is, as a server process learns it (`backend.server.app.SessionOwners`):
asked of the database until known, never again after; another kiosk's session as unknown as
one never opened."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from backend.reasons import Reason, ServiceError
from backend.server.app import SessionOwners

A, B = "a" * 32, "b" * 32


class Register:
    """A centre whose database knows `owners` and counts what it is asked."""

    def __init__(self, owners: dict[str, str]) -> None:
        self.asked = 0
        self.db = SimpleNamespace(unit=self._unit)
        self._owners = owners

    @contextmanager
    def _unit(self):
        self.asked += 1
        yield SimpleNamespace(scalar=lambda query: self._owners.get(
            query.whereclause.right.value))


def refused(owners: SessionOwners, centre, kiosk: str, session: str) -> Reason:
    with pytest.raises(ServiceError) as caught:
        owners.require_own(centre, kiosk, session)
    return caught.value.reason


def test_a_session_is_asked_for_once_and_another_kiosks_is_refused() -> None:
    centre, owners = Register({A: "kiosk-1"}), SessionOwners()
    owners.require_own(centre, "kiosk-1", A)
    owners.require_own(centre, "kiosk-1", A)
    assert centre.asked == 1
    assert refused(owners, centre, "kiosk-2", A) is Reason.UNKNOWN_SESSION
    assert centre.asked == 1                          # known: the refusal asked nothing
    assert refused(owners, centre, "kiosk-1", B) is Reason.UNKNOWN_SESSION
    assert refused(owners, centre, "kiosk-1", B) is Reason.UNKNOWN_SESSION
    assert centre.asked == 3                          # never opened: asked each time
    assert refused(owners, centre, "kiosk-1", "not-an-id") is Reason.UNKNOWN_SESSION
    assert centre.asked == 3


def test_a_session_begun_here_is_known_from_the_start_and_the_memory_is_bounded() -> None:
    centre, owners = Register({}), SessionOwners(limit=4)
    owners.learn(A, "kiosk-1")
    owners.require_own(centre, "kiosk-1", A)
    assert centre.asked == 0
    for n in range(10):
        owners.learn(f"{n:032x}", "kiosk-2")
    assert len(owners._owner) <= 4
    assert refused(owners, centre, "kiosk-1", A) is Reason.UNKNOWN_SESSION   # forgotten, asked
    assert centre.asked == 1
