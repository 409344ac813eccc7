"""Headless runs paint no frames: the player must still read exactly what a terminal shows."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from backend.config import Paths
from tests.conftest import copy_home
from kiosk.app.screens.base import KioskScreen, _joined
from kiosk.scenario.driver import play_headless
from kiosk.scenario.model import load_scenario
from kiosk.scenario.transcript import Transcript

SCENARIOS = Path(__file__).resolve().parents[2] / "scripts" / "scenarios"


def _play(scenario, template: Paths, folder: Path, paint_frames: bool) -> list[tuple[str, str]]:
    home = copy_home(template, folder / "home")
    transcript = Transcript(folder / "out")
    try:
        outcome = asyncio.run(play_headless(scenario, home, transcript, paint_frames=paint_frames))
    finally:
        transcript.close()
    assert outcome.passed, outcome.message
    rows = [json.loads(line) for line in
            (folder / "out" / "transcript.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(r["screen"], r["text"]) for r in rows]


@pytest.mark.parametrize("stem", ["001-walkthrough", "copies-correction", "confirm-jump-back",
                                  "idle-timeout-with-coins", "printer-jam-mid-job"])
def test_unpainted_runs_read_what_a_painted_terminal_shows(stem, seeded_template, tmp_path,
                                                           monkeypatch):
    scenario = load_scenario(SCENARIOS / f"{stem}.yaml")
    painted = _play(scenario, seeded_template, tmp_path / "painted", paint_frames=True)

    # Unpainted, each look renders only the lines changed since the last one: check every
    # look against a render of the whole screen, then the whole run against the painted one.
    looks: list[bool] = []
    incremental = KioskScreen.screen_text

    def checked(screen: KioskScreen) -> str:
        text = incremental(screen)
        looks.append(text == _joined(s.text for s in screen._compositor.render_strips()))
        return text

    monkeypatch.setattr(KioskScreen, "screen_text", checked)
    unpainted = _play(scenario, seeded_template, tmp_path / "unpainted", paint_frames=False)
    assert looks and all(looks), f"{looks.count(False)} of {len(looks)} looks differed"
    assert unpainted == painted
