"""Headless runs paint no frames: the player must still read exactly what a terminal shows."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from backend.config import Paths
from tests.conftest import copy_home
from kiosk.scenario.play import play_headless
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


@pytest.mark.parametrize("stem", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_unpainted_runs_read_what_a_painted_terminal_shows(stem, seeded_template, tmp_path):
    scenario = load_scenario(SCENARIOS / f"{stem}.yaml")
    painted = _play(scenario, seeded_template, tmp_path / "painted", paint_frames=True)
    unpainted = _play(scenario, seeded_template, tmp_path / "unpainted", paint_frames=False)
    assert unpainted == painted


def test_back_to_back_sessions_read_right_and_keep_no_one_s_words(seeded_template, tmp_path):
    """Kept screens are shown again session after session: what they show must stay right,
    and the kept ones hold nothing personal once a session ends."""
    from kiosk.app.textual_internals import screen_text
    from tests.app.test_privacy import personal_strings
    from kiosk.scenario.harness import make_app, make_clock
    from kiosk.scenario.play import run_step
    from kiosk.scenario.player import Player
    from kiosk.scenario.model import parse_scenario

    text = (SCENARIOS / "kind-some-members.yaml").read_text(encoding="utf-8") + (
        "  - take: certificates\n  - tap: 受け取りました（音声停止）\n  - take: receipt\n"
        "  - tap: 終了\n  - expect: {screen: top}\n")
    scenario = parse_scenario(text, "members-back-to-back.yaml")
    home = copy_home(seeded_template, tmp_path / "home")
    transcript = Transcript(tmp_path / "out")

    async def play() -> list[str]:
        app = make_app(scenario, home, make_clock(scenario), paint_frames=False)
        async with app.run_test(size=(100, 30), headless=True) as pilot:
            player = Player(app, pilot, app.terminal.clock, home, printed_dir=tmp_path / "printed")
            await player.settle()
            for _ in range(3):
                for step in scenario.steps:
                    assert await run_step(player, step, transcript) == ""
            return [screen_text(screen) for screen in app._screens.values() if screen.is_mounted]

    try:
        kept = "\n".join(asyncio.run(play()))
    finally:
        transcript.close()
    assert "証明書交付サービス" in kept                       # the kept screens' text is there
    assert all(secret not in kept for secret in personal_strings("izumi-taro"))
