"""The dashboard reads a ledger that `IssuanceCentre` wrote: the backend's fixtures, and a
small fleet of sessions run through them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backend.api import IssuanceKind, IssuanceRequest
from backend.api import CertificateCode as C
from tests.backend import conftest as backend

# The backend's fixtures, by name, so that pytest finds them here too.
cards, centre, centre_home, login = backend.cards, backend.centre, backend.centre_home, backend.login
pg_seeded, rendering = backend.pg_seeded, backend.rendering

ONE_RECORD = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=1)
TWO_RECORDS = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=2)


@dataclass(frozen=True)
class Fleet:
    """What the sessions below paid and printed, as the centre answered them."""

    paid_in: int
    change: int
    refunded: int
    open_session: str


def run_session(centre, session_id: str, request: IssuanceRequest, coins: list[int],
                printed: list[bool]) -> tuple[int, int, int]:
    """Quote, pay `coins`, settle, issue, report each copy, finish, close:
    (paid, change, refunded) from the centre's receipt."""
    centre.quote(session_id, request)
    for seq, yen in enumerate(coins, start=1):
        centre.insert_coin(session_id, seq, yen)
    centre.settle(session_id)
    for copy, ok in zip(centre.issue(session_id).copies, printed, strict=True):
        centre.report_copy(session_id, copy.copy_no, ok)
    receipt = centre.finish(session_id)
    centre.close(session_id)
    return receipt.paid_yen, receipt.change_yen, receipt.refunded_yen


@pytest.fixture
def fleet(centre, login) -> Fleet:
    """Three kiosks: 和泉府中 printed one copy of two (a refund owed), 苫小牧 printed one,
    町屋 has a person signed in and not yet done."""
    izumi, _ = login("izumi-taro")
    a = run_session(centre, izumi, TWO_RECORDS, [500], [True, False])
    tomakomai, _ = login("tomakomai-yoko", kiosk="lawson-tomakomai-ekimae")
    b = run_session(centre, tomakomai, ONE_RECORD, [500], [True])
    waiting, _ = login("arakawa-mei", kiosk="familymart-arakawa-machiya")
    return Fleet(a[0] + b[0], a[1] + b[1], a[2] + b[2], waiting)
