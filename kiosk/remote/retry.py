"""How long a kiosk keeps trying a centre that does not answer.

Every call of the service is idempotent by (session, step), so trying again — the same
centre, or the next of `--centre URL,URL…` — changes nothing a first call that got through
did. A call is tried again when the line failed (no connection, a reset, a timeout) or the
answer says the centre could not do it now (502, 503, 504); never after a refusal (4xx),
which is the centre's answer. Each round tries every centre in order, from the last that
answered; between rounds the kiosk waits, twice as long each time (with a little jitter, so
that a fleet does not come back all at once). After `rounds` rounds, or once `budget`
seconds of waiting are spent, the call fails with CENTRE_UNREACHABLE: the session ends with
通信エラー and its money goes back.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    rounds: int = 4                 # tries of each centre, at most
    first_wait: float = 0.25        # seconds before the second round
    factor: float = 2.0
    max_wait: float = 2.0
    budget: float = 4.0             # seconds of waiting in all, at most
    jitter: float = 0.2             # each wait ± this fraction
    connect_timeout: float = 2.0
    read_timeout: float = 30.0      # ⑫ renders and signs every copy before it answers

    def waits(self, rng: random.Random | None = None) -> Iterator[float]:
        """The waits between rounds (one fewer than `rounds`), within the budget."""
        rng = rng or random.Random()
        wait, spent = self.first_wait, 0.0
        for _ in range(self.rounds - 1):
            step = min(wait, self.max_wait) * (1 + rng.uniform(-self.jitter, self.jitter))
            if spent + step > self.budget:
                return
            spent += step
            yield step
            wait *= self.factor


__all__ = ["RetryPolicy"]
