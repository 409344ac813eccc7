"""A whole scenario played headless, step by step, each step recorded in the transcript.

`play_headless` runs a scenario under `App.run_test()` (restarting the app where the script
says so); `play_sessions` plays one back to back on one running kiosk (`scripts/bench
session`). Autoplay uses the same `Player` on the real terminal instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.scenario.harness import make_app, make_clock
from kiosk.scenario.model import Scenario
from kiosk.scenario.player import Player, StepFailed
from kiosk.scenario.steps import Restart, Step
from kiosk.scenario.transcript import StepRecord, Transcript

if TYPE_CHECKING:
    from backend.config import Paths


@dataclass
class Outcome:
    passed: bool
    message: str = ""
    steps_run: int = 0


async def play_headless(scenario: Scenario, paths: Paths, transcript: Transcript,
                        size: tuple[int, int] = (100, 30), *, paint_frames: bool = False,
                        centres: tuple[str, ...] = ()) -> Outcome:
    """Play a whole scenario on a kiosk under `App.run_test()`. Frames are not painted unless
    `paint_frames` (what the player reads is the same either way). `centres`: a remote
    centre's URLs (`kiosk.centre`)."""
    clock = make_clock(scenario)
    steps = list(scenario.steps)
    done = 0
    card_on_reader: str | None = None
    while True:
        app = make_app(scenario, paths, clock, centres, paint_frames=paint_frames)
        try:
            async with app.run_test(size=size, headless=True) as pilot:
                player = Player(app, pilot, clock, paths, printed_dir=transcript.directory / "printed")
                if card_on_reader:                    # the card stayed where it was
                    player.put_back(card_on_reader)
                await player.settle()
                while done < len(steps):
                    step = steps[done]
                    if isinstance(step, Restart):
                        card_on_reader = player.card_on_reader()
                        _record(transcript, step, player, "ok", 0.0)
                        done += 1
                        break
                    message = await run_step(player, step, transcript)
                    done += 1
                    if message:
                        return Outcome(False, message, done)
                else:
                    return Outcome(True, "", done)
        except Exception as exc:                      # the app itself broke: say so, one line
            return Outcome(False, f"step {done + 1}: the kiosk app failed: {one_line(exc)}", done)


async def play_sessions(scenario: Scenario, paths: Paths, transcript: Transcript, count: int,
                        size: tuple[int, int] = (100, 30), *, warm_up: int = 0,
                        ready: Callable[[], None] | None = None) -> list[float]:
    """Play `scenario` `warm_up` + `count` times back to back on one running kiosk, as a kiosk
    serves one customer after another (`scripts/bench session`); `ready` is called between
    the warm-up and the counted sessions. The scenario must start and end at the top screen
    and not restart the app. Returns each counted session's wall time in seconds; a failed
    step raises StepFailed with the usual message."""
    if any(isinstance(step, Restart) for step in scenario.steps):
        raise ValueError("a scenario that restarts the kiosk cannot be played back to back")
    clock = make_clock(scenario)
    app = make_app(scenario, paths, clock, paint_frames=False)
    times: list[float] = []
    async with app.run_test(size=size, headless=True) as pilot:
        player = Player(app, pilot, clock, paths, printed_dir=transcript.directory / "printed")
        await player.settle()
        for n in range(warm_up + count):
            if n == warm_up and ready is not None:
                ready()
            started = time.perf_counter()
            for step in scenario.steps:
                message = await run_step(player, step, transcript)
                if message:
                    raise StepFailed(message)
            if n >= warm_up:
                times.append(time.perf_counter() - started)
    return times


async def run_step(player: Player, step: Step, transcript: Transcript) -> str:
    """Do one step and record it; a non-empty return is why the scenario failed."""
    started = time.perf_counter()
    outcome, message = "ok", ""
    try:
        await player.do(step)
    except StepFailed as exc:
        outcome, message = "failed", str(exc)
    except Exception as exc:
        outcome, message = "error", f"unexpected {type(exc).__name__}: {one_line(exc)}"
    error = player.last_error()
    if error is not None and outcome == "ok":
        outcome, message = "error", f"the kiosk reported an error: {one_line(error)}"
    _record(transcript, step, player, outcome, (time.perf_counter() - started) * 1000, message)
    if outcome == "ok":
        return ""
    return f"step {step.number} (line {step.line}, {step.describe()}): {message}"


def _record(transcript: Transcript, step: Step, player: Player, outcome: str, ms: float,
            message: str = "") -> None:
    try:
        shown = player.visible_text()
    except Exception:                                  # the screen is gone (restart)
        shown = ""
    transcript.add(StepRecord(step, player.screen_id(), shown, outcome, ms,
                              player.clock.now().isoformat(timespec="seconds"), message))


def one_line(exc: BaseException) -> str:
    """The exception's message on one line, at most 300 characters (its type when empty)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"
