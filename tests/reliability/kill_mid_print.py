"""Run as a program by test_kill_mid_print: the real app, 2 copies paid with 400 yen, and the
process SIGKILLed the instant the printer has put copy 1 out (before the centre hears of it)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from backend.clock import FixedClock
from backend.config import Paths
from backend.demo_data import DEMO_NOW
from kiosk.app import build_app
from tests.app.conftest import SIZE, Drive
from tests.app.test_payment import to_payment


async def main(home: Path) -> None:
    clock = FixedClock(DEMO_NOW)
    app = build_app(Paths(home), clock, audio=False)
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        due = await to_payment(kiosk, "2")
        terminal = app.terminal
        print_copy, journal_printed = terminal.devices.printer.print_copy, terminal.cashier.journal.printed

        def noted_then_killed(copy_no: int) -> None:
            journal_printed(copy_no)
            os.kill(os.getpid(), signal.SIGKILL)      # no cleanup of any kind runs

        app.terminal.cashier.journal.printed = noted_then_killed
        app.terminal.devices.printer.print_copy = print_copy
        await kiosk.insert(*([100] * (due // 100)))
    raise SystemExit("the process was to be killed mid-print")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
