"""`View`: what the kiosk shows at one moment, as the terminal publishes it after each change.

Immutable: a screen renders one and keeps it; the next change is a new `View`. Nothing in it
is secret (the session id, the card's certificate and the PIN stay in the terminal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from backend.api import KioskDay, ServiceHours
from backend.reasons import Reason
from kiosk.catalogue import Msg
from kiosk.flow import Context, State


@dataclass(frozen=True)
class StaffStatus:
    """What the staff panel (F12) shows: the devices, the clock, today's figures."""

    printer: Reason | None
    coins: Reason | None
    now: datetime
    day: KioskDay | None             # None: the centre could not say
    coin_stock: dict[int, int] = field(default_factory=dict)   # 釣銭: coins left per hopper


@dataclass(frozen=True)
class View:
    state: State = State.TOP
    context: Context = Context()
    lang: str = "ja"
    store_name: str = ""
    paused: Reason | None = None           # 休止: why no session may start now (a device)
    hours: ServiceHours | None = None      # the day's hours, and why it is closed now if it is
    reminders: tuple[Msg, ...] = ()        # what a person left behind (the top screen says)
    items_in_trays: bool = False           # money or printouts to take (the demo's hand)
    card_on_reader: str | None = None      # the tray card on the reader, by name
    # Said once on the step shown (a refusal, a coin come back); `notice_seq` tells a new
    # notice from the same one seen again.
    notice: Msg | None = None
    notice_seq: int = 0
    flash: bool = False                    # the take-away reminder's blink, on or off
    voice_on: bool = False                 # ⑬ the voice repeats its reminder (音声案内中)
    seconds_left: int | None = None        # 続けますか？ ends the session in so many seconds
    sessions_ended: int = 0                # a new count: forget what the last session showed
