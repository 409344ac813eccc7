"""Run scenario files headless, several at once, and report: `kiosk script`.

The demo data is seeded once per invocation into a template KIOSK_HOME; each scenario gets
its own copy of that directory (database, card tray, keys; see `harness`), so scenarios
never affect each other. Each is played through the real app under `App.run_test()` (`play`).

Against a remote centre (`kiosk script --centre URL`), the centre keeps the register: each
scenario's home is a copy of the kiosk's credential and card tray only, the scenarios play one
after another (one kiosk id is one machine), and a scenario that writes into the register
itself (`reserve_pin_reset:`) cannot run.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from kiosk.scenario.harness import demo_names, fresh_home, remote_template, seeded_template
from kiosk.scenario.model import Scenario, ScenarioError, check_names, load_scenario
from kiosk.scenario.play import one_line, play_headless
from kiosk.scenario.steps import ReservePinReset
from kiosk.scenario.transcript import Transcript

DEFAULT_SIZE = (100, 30)


@dataclass(frozen=True)
class Result:
    """One scenario's verdict; `message` says why it failed (step, expected, seen)."""

    source: str
    name: str
    passed: bool
    message: str = ""
    steps_run: int = 0
    seconds: float = 0.0
    directory: Path | None = None

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        head = f"{verdict} {self.source} — {self.name} ({self.steps_run} steps, {self.seconds:.2f}s)"
        return head if self.passed else f"{head}: {self.message}"


def run_one(scenario: Scenario, template: Path, out: Path, size=DEFAULT_SIZE,
            directory: str | None = None, centres: tuple[str, ...] = ()) -> Result:
    """Run one parsed scenario against a copy of `template`; results in `out/<slug>/`.
    Whatever goes wrong becomes a failed result with a one-line message, never a traceback."""
    from backend.config import Paths

    started = time.perf_counter()
    target = out / (directory or scenario.slug)
    try:
        transcript = Transcript(target)
    except OSError as exc:
        return Result(scenario.source, scenario.name, False, f"cannot write the results in {target}: {exc}")
    try:
        with fresh_home(template) as home:
            outcome = asyncio.run(play_headless(scenario, Paths(home), transcript,
                                                size=scenario.size or size, centres=centres))
    except Exception as exc:                # the data copy or the event loop itself failed
        return Result(scenario.source, scenario.name, False, f"could not run: {_described(exc)}",
                      directory=target)
    finally:
        transcript.close()
    return Result(scenario.source, scenario.name, outcome.passed, outcome.message,
                  outcome.steps_run, time.perf_counter() - started, transcript.directory)


def _run_all(work: list[tuple], jobs: int) -> Iterator[Result]:
    """Each scenario's result, in order; with `jobs` > 1 from a pool of worker processes
    (started afresh, not forked: each runs its own event loop and database engine)."""
    if jobs <= 1 or len(work) <= 1:
        yield from (run_one(*args) for args in work)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(work)), mp_context=context) as pool:
        yield from pool.map(_run_one_args, work)


def _run_one_args(args: tuple) -> Result:
    return run_one(*args)


def default_jobs() -> int:
    """As many scenarios at once as this machine has processors for."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _described(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {one_line(exc)}"


def _unique(slug: str, taken: set[str]) -> str:
    """Two files with the same stem (in different folders) get separate result folders."""
    name, n = slug, 1
    while name in taken:
        n += 1
        name = f"{slug}-{n}"
    taken.add(name)
    return name


def load_all(files: list[Path]) -> tuple[list[Scenario], list[Result]]:
    """Parse every file and check its demo names; bad files become failed results."""
    cards, kiosks = demo_names()
    scenarios, broken = [], []
    for f in files:
        try:
            scenario = load_scenario(f)
            check_names(scenario, cards, kiosks)
        except ScenarioError as e:
            broken.append(Result(str(f), Path(f).name, False, str(e)))
            continue
        scenarios.append(scenario)
    return scenarios, broken


def run_files(files: list[Path], out: Path, size=DEFAULT_SIZE, stream=None,
              template: Path | None = None, jobs: int = 1, centres: tuple[str, ...] = (),
              kiosk_home: Path | None = None) -> int:
    """`kiosk script`: one line per scenario, then `N passed, N failed`; 1 if any failed.
    `template`: an already seeded KIOSK_HOME to copy (default: seed one now). `jobs` > 1
    runs that many scenarios at once, each in its own process (lines still in file order).
    `centres`: a remote centre, for the kiosk whose home (credential, card tray) is
    `kiosk_home`; the scenarios then run one at a time."""
    stream = stream or sys.stdout
    scenarios, results = load_all(files)
    if centres:
        scenarios, refused = _remote_playable(scenarios)
        results += refused
        jobs = 1
    for r in results:
        print(f"FAIL {r.message}", file=stream, flush=True)
    if scenarios:
        ran: list[Result] = []
        try:
            with _template(template, centres, kiosk_home) as home:
                taken: set[str] = set()
                work = [(scenario, home, out, size, _unique(scenario.slug, taken), centres)
                        for scenario in scenarios]
                for result in _run_all(work, jobs):
                    ran.append(result)
                    print(result.line(), file=stream, flush=True)
        except Exception as exc:            # seeding the demo data failed: nothing can run
            print(f"kiosk script: cannot prepare the {'kiosk home' if centres else 'demo data'}:"
                  f" {_described(exc)}", file=stream)
            ran += [Result(s.source, s.name, False, "not run") for s in scenarios[len(ran):]]
        results += ran
    passed = sum(r.passed for r in results)
    print(f"{passed} passed, {len(results) - passed} failed", file=stream, flush=True)
    return 0 if passed == len(results) else 1


def _template(template: Path | None, centres: tuple[str, ...], kiosk_home: Path | None):
    if centres:
        if kiosk_home is None:
            raise ValueError("a remote centre needs the kiosk's home (its credential, its cards)")
        return remote_template(kiosk_home)
    return nullcontext(template) if template else seeded_template()


def _remote_playable(scenarios: list[Scenario]) -> tuple[list[Scenario], list[Result]]:
    """The scenarios a kiosk of a remote centre can play, and the others refused: one that
    writes into the register (the smartphone app's reservation) needs the centre's database."""
    playable, refused = [], []
    for scenario in scenarios:
        if any(isinstance(step, ReservePinReset) for step in scenario.steps):
            refused.append(Result(scenario.source, scenario.name, False,
                                  f"{scenario.source}: reserve_pin_reset writes into the centre's "
                                  "register: not with --centre"))
        else:
            playable.append(scenario)
    return playable, refused
