"""The code's static checks, run as tests: import contracts, ruff and mypy must be clean.

Each tool runs from this venv (the locked versions), on this checkout, with its settings
from pyproject.toml. The contracts keep the layers apart: the certificate layouts know
nothing of the centre or the kiosk, the centre nothing of the kiosk, and the flow, the card
client and the devices nothing of Textual or the app — so each can be used and tested
without what sits above it; the scenario modules import downwards only, never in a cycle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`tool` from this venv in the checkout's root, this checkout first on the path (the
    venv's editable install may point at another one)."""
    executable = Path(sys.executable).parent / tool
    assert executable.exists(), f"{tool} is not installed in {executable.parent}: run scripts/test"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([str(executable), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def report(done: subprocess.CompletedProcess[str]) -> str:
    return f"{done.args[0]} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"


def test_the_import_contracts_hold() -> None:
    done = run("lint-imports")
    assert done.returncode == 0, report(done)
    assert "0 broken" in done.stdout, report(done)


def test_ruff_finds_nothing() -> None:
    done = run("ruff", "check", "--no-fix", ".")
    assert done.returncode == 0, report(done)


def test_mypy_finds_nothing() -> None:
    done = run("mypy")
    assert done.returncode == 0, report(done)
    assert done.stdout.startswith("Success:"), report(done)
