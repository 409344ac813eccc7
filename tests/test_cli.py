"""The `kiosk` entry point itself."""

from __future__ import annotations

import os
import subprocess
import sys


def test_output_cut_short_by_the_reader_is_not_an_error(demo_home) -> None:
    env = {**os.environ, "KIOSK_HOME": str(demo_home.home)}
    read_end, write_end = os.pipe()
    os.close(read_end)  # `kiosk card list | true`: the reader is gone before the first line
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "card", "list"], env=env,
                            stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode(errors="replace")
    assert proc.returncode == 0


def test_help_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "kiosk.cli", "--help"], capture_output=True,
                         text=True, check=True).stdout
    # each command opens its own line; "run" and "card" also appear inside others' help
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    for command in ("run", "serve", "admin", "card", "script", "verify"):
        assert command in listed


def test_script_refuses_a_job_count_below_one(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "script", "x.yaml", "--jobs", "0",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout.strip() == "kiosk script: --jobs must be 1 or more, got 0"
