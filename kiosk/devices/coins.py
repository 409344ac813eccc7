"""コインベンダ: takes 10, 50, 100, 500 yen coins and 1,000 yen notes; returns anything else.

Coins accepted for a session wait in escrow until the sale is settled (then they go to the
cash box and change is paid out) or cancelled (then the same coins come back). Everything
handed back — rejected coins, change, refunds — lands in the return tray (返却口) until the
person takes it. Every accepted coin is announced to listeners, which record it in the
centre's ledger.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from backend.api import ACCEPTED_YEN
from backend.reasons import Reason

Coin = int | str  # a yen amount, or anything else a person might push in ("foreign", "1 USD")


@dataclass(frozen=True)
class CoinOutcome:
    coin: Coin
    accepted: bool
    reason: Reason | None = None   # why it came back


class CoinVendor(Protocol):
    fault: Reason | None        # faulted (staff switch): the kiosk takes no money
    def set_fault(self, fault: Reason | None) -> None: ...
    def open(self, due_yen: int) -> None: ...
    def close(self) -> None: ...
    def insert(self, coin: Coin) -> CoinOutcome: ...
    def settle(self, change_yen: int) -> None: ...
    def refund(self, yen: int) -> None: ...
    def pay_out(self, yen: int) -> None: ...
    def take_change(self) -> list[Coin]: ...
    def subscribe(self, listener: Callable[[CoinOutcome], object]) -> None: ...
    @property
    def inserted_yen(self) -> int: ...
    @property
    def change_tray(self) -> tuple[Coin, ...]: ...
    @property
    def accepting(self) -> bool: ...


def breakdown(yen: int) -> list[int]:
    """Fewest coins/notes for an amount (change and partial refunds)."""
    out = []
    for unit in sorted(ACCEPTED_YEN, reverse=True):
        n, yen = divmod(yen, unit)
        out += [unit] * n
    if yen:
        raise ValueError(f"{yen} yen cannot be paid in coins")
    return out


class SimulatedCoinVendor:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._due: int | None = None
        self._escrow: list[int] = []
        self._tray: list[Coin] = []
        self._listeners: list[Callable[[CoinOutcome], object]] = []   # what they return is unused
        self.cash_box_yen = 0
        self.accepted_yen = 0         # every coin and note it ever took in
        self.paid_out_yen = 0         # change and refunds that left through the return tray
        self.fault: Reason | None = None

    def set_fault(self, fault: Reason | None) -> None:
        with self._lock:
            self.fault = fault

    # -- the terminal's side
    def subscribe(self, listener: Callable[[CoinOutcome], object]) -> None:
        self._listeners.append(listener)

    def open(self, due_yen: int) -> None:
        with self._lock:
            self._due = due_yen

    def close(self) -> None:
        with self._lock:
            self._due = None

    @property
    def accepting(self) -> bool:
        with self._lock:
            return self._due is not None and sum(self._escrow) < self._due

    @property
    def inserted_yen(self) -> int:
        with self._lock:
            return sum(self._escrow)

    def settle(self, change_yen: int) -> None:
        """Sale done: escrow to the cash box, change to the tray."""
        with self._lock:
            self.cash_box_yen += sum(self._escrow) - change_yen
            self._escrow.clear()
            self._due = None
            self._tray += breakdown(change_yen)
            self.paid_out_yen += change_yen

    def refund(self, yen: int) -> None:
        """Give back what the centre refunded: the very coins in escrow when it is all of them."""
        with self._lock:
            if yen == sum(self._escrow):
                self._tray += self._escrow
            else:
                self.cash_box_yen += sum(self._escrow) - yen
                self._tray += breakdown(yen)
            self._escrow.clear()
            self._due = None
            self.paid_out_yen += yen

    def pay_out(self, yen: int) -> None:
        """Money owed after the sale (unprinted copies refunded)."""
        with self._lock:
            self.cash_box_yen -= yen
            self._tray += breakdown(yen)
            self.paid_out_yen += yen

    # -- the person's side
    def insert(self, coin: Coin) -> CoinOutcome:
        with self._lock:
            if not (isinstance(coin, int) and not isinstance(coin, bool) and coin in ACCEPTED_YEN):
                outcome = CoinOutcome(coin, False, Reason.INVALID_COIN)
            elif not self.accepting:
                outcome = CoinOutcome(coin, False, Reason.COIN_REJECTED)
            else:
                self._escrow.append(coin)
                self.accepted_yen += coin
                outcome = CoinOutcome(coin, True)
            if not outcome.accepted:
                self._tray.append(coin)
        for listener in self._listeners:
            listener(outcome)
        return outcome

    @property
    def change_tray(self) -> tuple[Coin, ...]:
        with self._lock:
            return tuple(self._tray)

    def take_change(self) -> list[Coin]:
        with self._lock:
            taken, self._tray = self._tray, []
            return taken
