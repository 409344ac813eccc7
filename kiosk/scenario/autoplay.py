"""`kiosk run --autoplay FILE`: play a scenario on the real terminal at a human pace.

The staff demo mode: the same app a person uses, on a fresh copy of the demo data, and the
same `Player` as the headless runner — but each button is highlighted (outlined and focused)
for a moment before it is pressed, coins are dropped through the on-screen coin slot, and a
caption at the bottom says what happens next. When the script ends (or an expectation does
not hold) the verdict shows for a few seconds, then the terminal closes and the verdict is
printed; the exit status is 0 only if every step passed.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.scenario.captions import caption
from kiosk.scenario.model import Scenario, ScenarioError, check_names, load_scenario
from kiosk.scenario.steps import Restart

if TYPE_CHECKING:
    from textual.css.types import EdgeType
    from textual.widget import Widget

    from kiosk.app.app import KioskApp

HIGHLIGHT: tuple[EdgeType, str] = ("heavy", "yellow")


def autoplay(file: Path, *, pace: float = 1.0, linger: float = 3.0, lang: str = "ja",
             headless: bool = False, rounds: int | None = 1) -> int:
    """Play `file` visibly (`headless` only for tests), `rounds` times (None: until staff stop
    it, F12 → Q), each on a fresh copy of the demo data; returns the process exit status."""
    from kiosk.scenario.harness import demo_names, fresh_home, seeded_template

    try:
        scenario = load_scenario(file)
        check_names(scenario, *demo_names())
    except ScenarioError as e:
        print(f"kiosk run --autoplay: {e}", file=sys.stderr)
        return 2
    from backend.config import Paths

    played, all_passed = 0, True
    with seeded_template() as template:
        while rounds is None or played < rounds:
            print(f"{scenario.name}: preparing a fresh copy of the demo data…", flush=True)
            with fresh_home(template) as home:
                passed, message, stopped = _play(scenario, Paths(home), pace, linger, lang,
                                                 headless)
            played += 1
            all_passed &= passed
            print(f"{'PASS' if passed else 'FAIL'} {scenario.source} — {scenario.name}"
                  + ("" if passed else f": {message}"), flush=True)
            if stopped or not passed:
                break           # staff closed the kiosk, or the demo went wrong: not again
    return 0 if all_passed else 1


def _play(scenario: Scenario, paths, pace: float, linger: float, lang: str,
          headless: bool = False) -> tuple[bool, str, bool]:
    """Run the app on the terminal with Textual's auto-pilot playing the steps: (passed,
    why not, whether the kiosk was closed before the script's end)."""
    from kiosk.scenario.harness import make_app, make_clock
    from kiosk.scenario.player import Player, StepFailed

    clock = make_clock(scenario)
    app = make_app(scenario, paths, clock, lang=lang)
    verdict = (False, "the kiosk closed before the scenario ended")
    ended = False

    async def play(pilot) -> None:
        nonlocal verdict, ended
        player = Player(app, pilot, clock, paths, printed_dir=paths.home / "autoplay-printed",
                        before_tap=_highlighter(app, pace), coins_on_screen=True)
        await app.wait_settled()
        verdict = (True, "")
        for step in scenario.steps:
            app.clear_notifications()
            words = caption(step)
            _caption(app, f"{step.number}/{len(scenario.steps)}  {words.get(lang)}"
                          f"\n{words.secondary(lang)}")
            await asyncio.sleep(pace)
            app.clear_notifications()             # the caption is not the kiosk's: off the screen
            if isinstance(step, Restart):             # the terminal is the demo: it keeps running
                continue
            try:
                await player.do(step)
            except StepFailed as exc:
                verdict = (False, f"step {step.number} (line {step.line}): {exc}")
                break
        ok, problem = verdict
        _caption(app, "✔ シナリオ完了 / scenario complete" if ok else f"✘ {problem}", error=not ok)
        await asyncio.sleep(linger)
        ended = True
        app.exit(0 if ok else 1)

    app.run(headless=headless, auto_pilot=play)
    return (*verdict, not ended)


def _highlighter(app: KioskApp, pace: float):
    async def before_tap(widget: Widget) -> None:
        widget.styles.outline = HIGHLIGHT
        if widget.focusable:
            widget.focus()
        await asyncio.sleep(max(0.2, pace * 0.6))
        for side in ("top", "right", "bottom", "left"):   # back to what the stylesheet says
            widget.styles.clear_rule(f"outline_{side}")
        widget.refresh()
    return before_tap


def _caption(app: KioskApp, text: str, *, error: bool = False) -> None:
    """A toast in the corner says what the script does next (not part of the kiosk's UI)."""
    app.notify(text, title="autoplay", severity="error" if error else "information", timeout=4)
