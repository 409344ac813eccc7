"""A terminal on the seeded demo home with the simulated devices and no UI; `step` sends an
event and runs the jobs it queued, in the test's own thread."""

from __future__ import annotations

import pytest

from backend.demo_data import DEFAULT_KIOSK_ID
from backend.service import open_centre
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.devices import simulated
from kiosk.flow import Event, State
from kiosk.terminal import Terminal, View


@pytest.fixture
def terminal(demo_home, clock):
    t = Terminal(open_centre(demo_home, clock), InProcessReader(demo_home.card_tray),
                 simulated(demo_home.output_tray, audio=False), clock, DEFAULT_KIOSK_ID, demo_home)
    views: list[View] = []
    t.subscribe(views.append)
    t.views = views          # type: ignore[attr-defined]
    t.start()
    t.drain()
    yield t
    t.shutdown()


def step(t: Terminal, event: Event, **payload) -> State:
    t.send(event, **payload)
    t.drain()
    assert t.pending == 0
    return t.view.state
