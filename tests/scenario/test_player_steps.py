"""Every step type has a handler in the player, and each does what its step says.

The player's taps, keypad and the kiosk's hooks are replaced by recorders here: this is about
which step leads to what, not about the app (the scenarios play it for real).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import pytest

from kiosk.scenario import steps as steps_module
from kiosk.scenario.player import Player, StepFailed
from kiosk.scenario.steps import (BaseStep, Copies, Expect, ExpectStep, Insert, Pin, PlaceCard,
                                  Press, RemoveCard, ReservePinReset, Restart, Step, Take,
                                  TakeItem, Tap, Type, Wait)

AT = {"number": 1, "line": 4}

# One example of each step type, and what the player must do for it.
EXAMPLES: dict[type[BaseStep], list[tuple[BaseStep, list[tuple[Any, ...]]]]] = {
    Tap: [(Tap("#agree", **AT), [("tap", "#agree")])],
    Press: [(Press("enter", **AT), [("press", "enter"), ("settle",)])],
    Type: [(Type("マ\u3000メ A", **AT), [("press", "マ"), ("press", "space"), ("press", "メ"),
                                      ("press", "space"), ("press", "A"), ("settle",)])],
    ReservePinReset: [(ReservePinReset("izumi-taro", **AT),
                       [("reserve", "izumi-taro"), ("settle",)])],
    PlaceCard: [(PlaceCard("izumi-taro", **AT), [("place", "izumi-taro"), ("settle",)])],
    RemoveCard: [(RemoveCard(**AT), [("remove",), ("settle",)])],
    Pin: [(Pin("1234", **AT), [("keypad", "1234"), ("tap", "#confirm")])],
    Copies: [(Copies(2, **AT), [("keypad", "2")])],
    Insert: [(Insert((100, "foreign"), **AT), [("insert", (100, "foreign"))])],
    Take: [(Take(TakeItem.CERTIFICATES, **AT), [("take printouts",), ("settle",)]),
           (Take(TakeItem.RECEIPT, **AT), [("take printouts",), ("settle",)]),
           (Take(TakeItem.CHANGE, **AT), [("take change",), ("settle",)]),
           (Take(TakeItem.CARD, **AT), [("remove",), ("settle",)])],
    Wait: [(Wait(61.0, **AT), [("advance", 61.0), ("settle",)])],
    ExpectStep: [(ExpectStep(Expect(screen="top"), **AT), [("settle",)])],
    Restart: [],                                   # refused: see the test below
}


def step_types() -> set[type]:
    """Every step class the steps module defines."""
    return {v for v in vars(steps_module).values()
            if isinstance(v, type) and issubclass(v, BaseStep) and v is not BaseStep}


@dataclass
class _Coins:
    log: list[tuple[Any, ...]]
    change_yen: int = 0
    refund_yen: int = 0

    def take_change(self) -> list[int]:
        self.log.append(("take change",))
        return []


@dataclass
class RecordingPlayer(Player):
    log: list[tuple[Any, ...]] = field(default_factory=list)

    async def settle(self) -> None:
        self.log.append(("settle",))

    async def tap(self, target: str) -> None:
        self.log.append(("tap", target))

    async def keypad(self, digits: str) -> None:
        self.log.append(("keypad", digits))

    async def insert(self, coins: tuple[int | str, ...]) -> None:
        self.log.append(("insert", coins))

    def _place_card(self, card: str) -> None:
        self.log.append(("place", card))

    def _remove_card(self) -> None:
        self.log.append(("remove",))

    def _reserve_pin_reset(self, card: str) -> None:
        self.log.append(("reserve", card))

    def _take_printouts(self) -> None:
        self.log.append(("take printouts",))

    def _coins(self) -> Any:
        return _Coins(self.log)

    def _printer_tray(self) -> tuple[Path, ...]:
        return ()

    def screen_id(self) -> str:
        return "top"

    def _read_screen(self) -> str:
        return "ご利用ありがとうございました"


def _player(log: list[tuple[Any, ...]]) -> RecordingPlayer:
    class Pilot:
        async def press(self, key: str) -> None:
            log.append(("press", key))

    class Clock:
        def advance(self, seconds: float) -> None:
            log.append(("advance", seconds))

    return RecordingPlayer(app=None, pilot=Pilot(), clock=Clock(), paths=None,
                           printed_dir=Path("/nonexistent"), log=log)


def test_every_step_type_is_a_step_and_has_an_example_here():
    assert set(get_args(Step)) == step_types()
    assert set(EXAMPLES) == step_types()
    assert {step.item for step, _ in EXAMPLES[Take] if isinstance(step, Take)} == set(TakeItem)


@pytest.mark.parametrize("step, done", [pair for pairs in EXAMPLES.values() for pair in pairs],
                         ids=lambda v: v.describe() if isinstance(v, BaseStep) else "")
def test_each_step_is_handled(step, done):
    log: list[tuple[Any, ...]] = []
    player = _player(log)
    asyncio.run(player.do(step))
    assert log == done
    if isinstance(step, PlaceCard):
        assert player.last_card == "izumi-taro"


def test_a_restart_is_not_the_player_s_to_do():
    with pytest.raises(StepFailed, match="cannot restart the kiosk from within a session"):
        asyncio.run(_player([]).do(Restart(**AT)))


def test_an_expectation_that_does_not_hold_fails_the_step_saying_what_the_screen_shows():
    with pytest.raises(StepFailed) as info:
        asyncio.run(_player([]).do(ExpectStep(Expect(screen="payment", fee=400), **AT)))
    assert str(info.value) == ("expected screen 'payment', got 'top'; expected fee 400, got None"
                               " — the screen 'top' shows: ご利用ありがとうございました")
