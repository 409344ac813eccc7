"""`scripts/bench seed`: the first-screen clock reads a real terminal, the seed figure uses the pool."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from backend.jpki import key_pool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location(
        "bench_seed", ROOT / "scripts" / "benchmarks" / "bench_seed.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_clock_stops_when_the_prompt_is_on_the_terminal(bench, tmp_path) -> None:
    command = ["sh", "-c", f"sleep 0.3; echo '  {bench.TOP_PROMPT}。'; sleep 30"]
    seconds = bench._until_on_screen(tmp_path, command, {"LANG": "C.UTF-8"})
    assert 0.3 <= seconds < 10


def test_a_terminal_that_never_shows_the_prompt_is_a_failure(bench, tmp_path,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(bench, "SCREEN_TIMEOUT", 1.0)
    with pytest.raises(RuntimeError, match="no top screen"):
        bench._until_on_screen(tmp_path, ["sh", "-c", "echo something else; sleep 30"], {})


def test_one_seeding_run_takes_its_keys_from_the_benchmarks_pool(bench, tmp_path) -> None:
    pool = tmp_path / "pool"
    seconds = bench._seed_once(tmp_path, pool)
    assert seconds > 0
    left = key_pool.count(pool)
    assert 0 < left < bench.POOL_SIZE - 40          # about 45 keys went into the demo's cards
    homes = list(tmp_path.glob("home-*"))
    assert len(homes) == 1 and len(list((homes[0] / "cards").glob("*.card.json"))) > 20
