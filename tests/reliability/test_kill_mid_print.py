"""A kiosk process SIGKILLed mid-print and started again: the copy that came out is paid for,
the one that did not is refunded in coins, and nothing stays owed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from backend.admin import ledger_balance
from backend.db import Database
from kiosk.app import build_app
from tests.app.conftest import SIZE, Drive

ROOT = Path(__file__).resolve().parents[2]


async def test_sigkill_after_copy_one_then_a_restart(demo_home, clock) -> None:
    child = subprocess.run([sys.executable, "-m", "tests.reliability.kill_mid_print",
                            str(demo_home.home)], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    printed = sorted(p.name for p in demo_home.output_tray.glob("certificate-*.pdf"))
    assert len(printed) == 1                              # copy 1 is in the output tray
    app = build_app(demo_home, clock, audio=False)
    async with app.run_test(size=SIZE) as pilot:
        await Drive(app, pilot, clock).settle()
        assert sum(app.terminal.devices.coins.change_tray) == 200      # copy 2's fee, in coins
    db = Database(f"sqlite:///{demo_home.database_file}")
    try:
        balance = ledger_balance(db)
    finally:
        db.dispose()
    # 400 went in (the dead process's vendor): 200 for the copy that came out, 200 back out.
    assert balance.paid_in == 400
    assert balance.balanced and (balance.fees_printed, balance.refunded, balance.owed) == (
        200, 200, 0)
