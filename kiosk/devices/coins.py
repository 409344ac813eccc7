"""コインベンダ: takes 10, 50, 100, 500 yen coins and 1,000 yen notes; returns anything else.

Coins accepted for a session wait in escrow until the sale is settled (then coins go to the
change hoppers, notes to the cash box, and change is paid out of the hoppers) or cancelled
(then the same coins come back). Everything handed back — rejected coins, change, refunds —
lands in the return tray (返却口) until the person takes it. Every accepted coin is announced
to listeners, which record it in the centre's ledger.

The hoppers (釣銭) hold a stock of each coin. Change and refunds come out of them only: a
machine pays no notes. When a hopper falls below what the largest change (990 yen) needs,
the vendor reports 釣銭切れ (`CHANGE_LOW`) and the kiosk pauses before the next person, until
staff refill it (F12). A pay-out the stock cannot make raises `ChangeShortage` and pays
nothing, so the caller records the whole amount as owed.
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


class ChangeShortage(RuntimeError):
    """The hoppers cannot make this amount: nothing was paid out."""

    def __init__(self, yen: int) -> None:
        super().__init__(f"the hoppers cannot pay out {yen} yen")
        self.yen = yen


#: Coins the hoppers pay out (largest first); the 1,000 yen note is never paid out.
CHANGE_COINS = (500, 100, 50, 10)
#: A full hopper, as staff refill it (補充).
FULL_STOCK = {500: 40, 100: 100, 50: 50, 10: 100}
#: Enough for any change up to 990 yen (500 + 4×100 + 50 + 4×10): below it, 釣銭切れ.
LOW_MARK = {500: 1, 100: 4, 50: 1, 10: 4}


class CoinVendor(Protocol):
    fault: Reason | None        # faulted (staff switch, 釣銭切れ): the kiosk takes no money
    def set_fault(self, fault: Reason | None) -> None: ...
    def refill(self) -> None: ...
    @property
    def stock(self) -> dict[int, int]: ...
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


def breakdown(yen: int, stock: dict[int, int] | None = None) -> list[int]:
    """Fewest coins for an amount out of `stock` (unlimited when None). Each coin divides the
    next larger one, so taking the largest that fits finds a way whenever there is one."""
    out: list[int] = []
    left = yen
    for unit in CHANGE_COINS:
        n = left // unit if stock is None else min(left // unit, stock.get(unit, 0))
        out += [unit] * n
        left -= unit * n
    if left:
        raise ChangeShortage(yen)
    return out


class SimulatedCoinVendor:
    def __init__(self, stock: dict[int, int] | None = None) -> None:
        self._lock = threading.RLock()
        self._stock = dict(FULL_STOCK if stock is None else stock)
        self._due: int | None = None
        self._escrow: list[int] = []
        self._tray: list[Coin] = []
        self._listeners: list[Callable[[CoinOutcome], object]] = []   # what they return is unused
        self.cash_box_yen = 0         # takings: what the sales left in the hoppers and the box
        self.notes_yen = 0            # 1,000 yen notes in the note box
        self.accepted_yen = 0         # every coin and note it ever took in
        self.paid_out_yen = 0         # change and refunds that left through the return tray
        self._fault: Reason | None = None

    @property
    def fault(self) -> Reason | None:
        """A staff-switched fault first, else 釣銭切れ when a hopper is below its mark."""
        with self._lock:
            if self._fault is not None:
                return self._fault
            low = any(self._stock.get(unit, 0) < mark for unit, mark in LOW_MARK.items())
            return Reason.CHANGE_LOW if low else None

    @fault.setter
    def fault(self, fault: Reason | None) -> None:
        self.set_fault(fault)

    def set_fault(self, fault: Reason | None) -> None:
        with self._lock:
            self._fault = None if fault is Reason.CHANGE_LOW else fault

    @property
    def stock(self) -> dict[int, int]:
        with self._lock:
            return dict(self._stock)

    def refill(self) -> None:
        """Staff topped the hoppers up (補充): 釣銭切れ is over."""
        with self._lock:
            for unit, full in FULL_STOCK.items():
                self._stock[unit] = max(self._stock.get(unit, 0), full)

    def _dispense(self, yen: int) -> None:
        """`yen` out of the hoppers into the return tray, or nothing (ChangeShortage)."""
        coins = breakdown(yen, self._stock)
        for coin in coins:
            self._stock[coin] -= 1
        self._tray += coins
        self.paid_out_yen += yen
        self.cash_box_yen -= yen

    def _bank_escrow(self) -> None:
        """The session's money is kept: coins into the hoppers, notes to the cash box."""
        for money in self._escrow:
            if money in self._stock:
                self._stock[money] += 1
            else:
                self.notes_yen += money
        self.cash_box_yen += sum(self._escrow)
        self._escrow.clear()

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
        """Sale done: escrow banked, change out of the hoppers (ChangeShortage: none paid)."""
        with self._lock:
            self._bank_escrow()
            self._due = None
            self._dispense(change_yen)

    def refund(self, yen: int) -> None:
        """Give back what the centre refunded: the very coins in escrow when it is all of them
        (ChangeShortage: the escrow is banked and none of `yen` paid)."""
        with self._lock:
            self._due = None
            if yen == sum(self._escrow):
                self._tray += self._escrow
                self._escrow.clear()
                self.paid_out_yen += yen
                return
            self._bank_escrow()
            self._dispense(yen)

    def pay_out(self, yen: int) -> None:
        """Money owed after the sale (unprinted copies refunded); ChangeShortage: none paid."""
        with self._lock:
            self._dispense(yen)

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
