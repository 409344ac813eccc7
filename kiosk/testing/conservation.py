"""The money-safety rule's two conservations (お金の保存則), checked after kiosks have played:
the ledger's (each session balances: payments = fees of printed copies + change + refunds)
and the physical one (the yen the coin vendors took in = fees of the copies that came out +
the yen that left the vendors + refunds still owed, and nothing still owed once every kiosk
has started again). The reliability harness and the fleet soak both check by it.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.admin import ledger_balance
from backend.db import Database
from kiosk.devices.coins import SimulatedCoinVendor


def money_violations(db: Database, ids: Iterable[str], vendors: Iterable[SimulatedCoinVendor],
                     label: str) -> tuple[list[str], int, int, int]:
    """Both conservations over the sessions `ids` and every coin vendor they used (a dead
    kiosk's too): each session balances; yen in = fees printed + yen out + owed; none owed.
    Returns (violations, yen in, yen out, yen in the ledger)."""
    vendors = list(vendors)
    fail: list[str] = []
    fees = owed = paid_in = 0
    for sid in ids:
        b = ledger_balance(db, sid)
        if not b.balanced:
            fail.append(f"{label}: session {sid} does not balance: {b}")
        fees, owed, paid_in = fees + b.fees_printed, owed + b.owed, paid_in + b.paid_in
    accepted = sum(v.accepted_yen for v in vendors)
    paid_out = sum(v.paid_out_yen for v in vendors)
    if accepted != fees + paid_out + owed:
        fail.append(f"{label}: coins in {accepted} ≠ fees {fees} + out {paid_out} + owed {owed}")
    if owed:
        fail.append(f"{label}: {owed} yen still owed after every kiosk restarted")
    return fail, accepted, paid_out, paid_in


__all__ = ["money_violations"]
