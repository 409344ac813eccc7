"""Reading the dashboard in a Pilot test: its figures, and waiting on what it shows."""

from __future__ import annotations

import time

from textual.widgets import Digits


async def until(app, pilot, condition, seconds: float = 10.0) -> None:
    """Let the refresh workers run until `condition()` holds (or fail after `seconds`)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the dashboard never showed it"
        await app.workers.wait_for_complete()
        await pilot.pause()


def figure(app, ident: str) -> str:
    """The value a figure's Digits show."""
    return app.query_one(f"#{ident}", Digits).value
