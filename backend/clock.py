"""One clock for rules, service and timers: nothing calls `datetime.now()` on its own."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (Asia/Tokyo unless a kiosk's zone says otherwise)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(JST)


class FixedClock:
    """Always the same instant, until `advance` or `set` moves it (tests, `wait` in scenarios)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._at

    def set(self, at: datetime) -> None:
        with self._lock:
            self._at = at

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._at += timedelta(seconds=seconds)


class AdvancingClock:
    """Starts at a chosen instant and runs at real speed (`--clock` for demos, scenarios)."""

    def __init__(self, start: datetime,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if start.tzinfo is None:
            raise ValueError("AdvancingClock needs an aware datetime")
        self._start = start
        self._mono = monotonic
        self._t0 = monotonic()
        self._skipped = 0.0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._start + timedelta(seconds=self._mono() - self._t0 + self._skipped)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._skipped += seconds


def parse_clock(text: str) -> datetime:
    """Parse `--clock` / a scenario's `clock:`: ISO 8601; a naive time is taken as JST."""
    at = datetime.fromisoformat(text)
    return at if at.tzinfo else at.replace(tzinfo=JST)
