"""The runner drives the real app headless: verdicts, transcripts, printed PDFs, isolation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from backend.config import Paths
from kiosk.scenario.model import load_scenario, parse_scenario
from kiosk.scenario.runner import Result, load_all, run_files, run_one

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scripts" / "scenarios").glob("*.yaml"))
FIXTURES = Path(__file__).parent / "fixtures"
WALKTHROUGH = ROOT / "scripts" / "scenarios" / "001-walkthrough.yaml"


@pytest.fixture
def template(seeded_template: Paths) -> Path:
    return seeded_template.home


def records(result: Result) -> list[dict]:
    assert result.directory is not None
    lines = (result.directory / "transcript.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_shipped_scenarios_cover_the_rules_and_all_parse():
    names = {p.stem for p in SHIPPED}
    for needed in ("001-walkthrough", "copies-10", "copies-11-refused", "copies-correction",
                   "confirm-jump-back", "payment-overpayment", "payment-invalid-coins",
                   "cancel-before-payment", "cancel-after-partial-payment", "pin-wrong-once",
                   "pin-wrong-twice", "pin-wrong-three-times-locked", "card-face-auth",
                   "card-suspended", "card-expired", "hours-0629-closed", "hours-2300-closed",
                   "hours-1231-closed", "hours-maintenance-day", "honseki-registered",
                   "honseki-not-registered", "printer-jam-mid-job", "idle-timeout-with-coins",
                   "card-left-on-reader", "fee-tomakomai", "fee-arakawa"):
        assert needed in names
    scenarios, broken = load_all(SHIPPED)
    assert broken == []
    assert len(scenarios) == len(SHIPPED)
    assert len({s.name for s in scenarios}) == len(scenarios), "names must tell scenarios apart"


def test_the_walkthrough_passes_with_a_transcript_and_the_printed_pdfs(template, tmp_path):
    scenario = load_scenario(WALKTHROUGH)
    result = run_one(scenario, template, tmp_path)
    assert result.passed, result.message
    assert result.steps_run == len(scenario.steps)
    rows = records(result)
    assert [r["step"] for r in rows] == list(range(1, len(scenario.steps) + 1))
    assert all(r["outcome"] == "ok" for r in rows)
    assert {"step", "line", "action", "screen", "text", "outcome", "ms", "clock"} <= set(rows[0])
    screens = [r["screen"] for r in rows]
    for screen in ("top", "terms", "service_menu", "place_card", "municipality", "pin",
                   "remove_card", "certificate", "issuance_kind", "fields", "copies", "confirm",
                   "payment", "take_away", "receipt"):
        assert screen in screens
    assert "住民票の写し" in next(r["text"] for r in rows if r["screen"] == "certificate")
    assert rows[0]["clock"].startswith("2026-06-10T10:00")
    printed = sorted(p.name for p in (result.directory / "printed").iterdir())
    assert [n.split("-")[0] for n in printed] == ["certificate", "certificate", "receipt"]
    # the PIN's dots (● ● ＿ ＿) are on ④ only (● alone marks an answer on ⑧)
    assert "● ●" not in "".join(r["text"] for r in rows if r["screen"] != "pin")
    assert "● 無" in "".join(r["text"] for r in rows if r["screen"] == "fields")  # (● is read)


def test_a_broken_expectation_fails_with_step_expected_and_screen(template, tmp_path):
    result = run_one(load_scenario(FIXTURES / "broken-expectation.yaml"), template, tmp_path)
    assert not result.passed
    assert result.message.startswith("step 13 (line 17, expect screen='confirm', fee=500): ")
    assert "expected fee 500, got 400" in result.message
    assert "the screen 'confirm' shows:" in result.message and "400円" in result.message
    assert "\n" not in result.line() and result.line().startswith("FAIL ")
    rows = records(result)
    assert len(rows) == 13 and rows[-1]["outcome"] == "failed"   # stopped there


def test_a_missing_button_names_the_buttons_that_are_there(template, tmp_path):
    result = run_one(load_scenario(FIXTURES / "missing-button.yaml"), template, tmp_path)
    assert not result.passed
    assert "step 2 (line 4, tap: 住民票の写し): no button '住民票の写し' on screen 'terms'" in result.message
    assert "'同意する'" in result.message


def test_run_files_prints_one_line_each_and_the_closing_count(template, tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_text("name: x\nsteps:\n  - fly: away\n", encoding="utf-8")
    out = io.StringIO()
    code = run_files([WALKTHROUGH, FIXTURES / "broken-expectation.yaml", junk,
                      FIXTURES / "unknown-card.yaml"], tmp_path / "out", stream=out, template=template)
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[-1] == "1 passed, 3 failed"
    assert len(lines) == 5
    assert any(line.startswith(f"FAIL {junk}:3: step 1: unknown step 'fly'") for line in lines)
    assert any(line.startswith("FAIL ")
               and "unknown-card.yaml:6: unknown card 'nobody-at-all'" in line for line in lines)
    assert any(line.startswith(f"PASS {WALKTHROUGH}") for line in lines)
    assert (tmp_path / "out" / "001-walkthrough" / "transcript.jsonl").exists()


def test_run_files_exits_zero_when_all_pass(template, tmp_path):
    f = tmp_path / "tiny.yaml"
    f.write_text("name: tiny\nsteps:\n  - tap: 行政サービス\n  - expect: {screen: terms}\n",
                 encoding="utf-8")
    out = io.StringIO()
    assert run_files([f], tmp_path / "out", stream=out, template=template) == 0
    assert out.getvalue().splitlines()[-1] == "1 passed, 0 failed"


def test_scenarios_never_affect_each_other(template, tmp_path):
    lock = load_scenario(ROOT / "scripts" / "scenarios" / "pin-wrong-three-times-locked.yaml")
    assert run_one(lock, template, tmp_path).passed
    again = parse_scenario(
        "name: the same card, fresh data\nsteps:\n  - tap: 行政サービス\n  - tap: 同意する\n"
        "  - tap: 証明書交付サービス\n  - place_card: izumi-taro\n"
        "  - expect: {screen: municipality, pin_tries_left: 3}\n", "fresh.yaml")
    result = run_one(again, template, tmp_path)
    assert result.passed, result.message


@pytest.mark.parametrize("stem", ["printer-jam-mid-job", "idle-timeout-with-coins",
                                  "payment-overpayment", "field-my_number"])
def test_rule_scenarios_pass(stem, template, tmp_path):
    result = run_one(load_scenario(ROOT / "scripts" / "scenarios" / f"{stem}.yaml"), template, tmp_path)
    assert result.passed, result.message


def test_files_with_the_same_name_keep_separate_results(template, tmp_path):
    files = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        f = tmp_path / folder / "same.yaml"
        f.write_text(f"name: {folder}\nsteps:\n  - tap: 行政サービス\n", encoding="utf-8")
        files.append(f)
    out = io.StringIO()
    assert run_files(files, tmp_path / "out", stream=out, template=template) == 0
    assert (tmp_path / "out" / "same" / "transcript.jsonl").exists()
    assert (tmp_path / "out" / "same-2" / "transcript.jsonl").exists()


def test_an_unwritable_results_folder_is_a_failed_line_not_a_traceback(template, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the results folder should be", encoding="utf-8")
    out = io.StringIO()
    assert run_files([WALKTHROUGH], blocker, stream=out, template=template) == 1
    first, last = out.getvalue().splitlines()
    assert first.startswith(f"FAIL {WALKTHROUGH}") and "cannot write the results" in first
    assert last == "0 passed, 1 failed"


def _bench_session():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_session", ROOT / "scripts" / "benchmarks" / "bench_session.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_the_session_benchmark_runs_both_paths_in_worker_processes(template, tmp_path):
    bench = _bench_session()
    assert bench._shares(50, 2) == [25, 25] and bench._shares(5, 3) == [2, 2, 1]
    assert bench._rounds(50, 2) == [26, 24] and bench._rounds(5, 3) == [3, 2]
    # each side raises if a worker fails (a refused service call, a failed step)
    wall, times = bench._side("direct", template, tmp_path / "d", 3, 2)
    assert len(times) == 3 and wall > 0
    wall, times = bench._side("ui", template, tmp_path / "ui", 3, 2)
    assert len(times) == 3 and wall > 0
    scenario = load_scenario(WALKTHROUGH)
    for worker, sessions in (("worker-0", 2), ("worker-1", 1)):       # plus one warm-up each
        lines = (tmp_path / "ui" / worker / "transcript.jsonl").read_text(encoding="utf-8")
        records = [json.loads(line) for line in lines.splitlines()]
        assert len(records) == (1 + sessions) * len(scenario.steps)
        assert {r["outcome"] for r in records} == {"ok"}
    with pytest.raises(RuntimeError, match="ui worker: FileNotFoundError"):   # no demo data
        bench._side("ui", tmp_path / "not-a-seeded-home", tmp_path / "x", 2, 2)


def test_the_session_benchmark_alternates_the_sides_and_adds_up_each(monkeypatch):
    bench = _bench_session()
    calls = []
    walls = iter([1.0, 4.0, 4.0, 0.75])           # direct, ui, ui, direct

    def fake_side(side, template, out, sessions, parts):
        calls.append((side, sessions, parts))
        return next(walls), [0.1] * sessions

    monkeypatch.setattr(bench, "_side", fake_side)
    rate, ratio = bench.run(sessions=50, parts=2)
    assert calls == [("direct", 26, 2), ("ui", 26, 2), ("ui", 24, 2), ("direct", 24, 2)]
    assert ratio["ui_s"] == 8.0 and ratio["direct_s"] == 1.75 and ratio["ratio"] == 4.57
    assert ratio["ok"] is False and ratio["rounds"] == 2             # over 4
    assert rate["sessions_per_s"] == round(50 / 8.0, 2) and rate["ok"] is True


def test_scenarios_run_side_by_side_report_in_file_order(template, tmp_path):
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text("name: tiny\nsteps:\n  - tap: 行政サービス\n  - expect: {screen: terms}\n",
                    encoding="utf-8")
    files = [WALKTHROUGH, FIXTURES / "broken-expectation.yaml", tiny]
    out = io.StringIO()
    assert run_files(files, tmp_path / "out", stream=out, template=template, jobs=2) == 1
    lines = out.getvalue().splitlines()
    assert [line.split()[:2] for line in lines[:3]] == [
        ["PASS", str(WALKTHROUGH)], ["FAIL", str(FIXTURES / "broken-expectation.yaml")],
        ["PASS", str(tiny)]]
    assert lines[3] == "2 passed, 1 failed"
    for slug in ("001-walkthrough", "broken-expectation", "tiny"):
        assert (tmp_path / "out" / slug / "transcript.jsonl").exists()
