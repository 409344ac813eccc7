"""⑫ printing: faults (what printed stays recorded, the rest is refunded, the screen says which),
and terminals sharing one output tray each hand out only their own pages."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from pathlib import Path

import pytest

from backend.reasons import Reason
from kiosk.devices.printer import SimulatedPrinter
from tests.app.conftest import SIZE, Drive, ledger
from tests.app.test_payment import to_payment

PRINTS = 500
TERMINALS = ("A", "B", "C")


@pytest.mark.parametrize("fault, after, printed", [("jam", 1, 1), ("paper_out", 0, 0)])
async def test_printer_fault_mid_job(make_kiosk, clock, demo_home, fault, after, printed) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        due = await to_payment(kiosk, "3")
        # The paper runs out (or jams after `after` copies) once the session is under way.
        app.terminal.devices.printer.set_fault(fault, after)
        await kiosk.insert(*([100] * (due // 100)))
        assert kiosk.screen == "print_fault", kiosk.text()
        ctx = app.terminal.flow.context
        assert (ctx.printed, ctx.total, ctx.fault) == (printed, 3, Reason(f"printer_{fault}"))
        shown = kiosk.text()
        assert "店員にお尋ねください" in shown
        assert f"{printed}部を印刷しました" in shown
        refund = (3 - printed) * ctx.unit_fee
        assert f"{refund:,}円を返金" in shown
        await kiosk.tap("#ok")
        if printed:
            assert kiosk.screen == "take_away"
            await kiosk.tap("#stop-voice")
        assert kiosk.screen == "receipt"
        receipt = app.terminal.flow.context.receipt
        assert (receipt.copies_printed, receipt.refunded_yen) == (printed, refund)
        assert sum(app.terminal.devices.coins.take_change()) == refund
        kinds = [p.name.split("-")[0] for p in app.terminal.devices.printer.take()]
        assert kinds == ["certificate"] * printed + ["receipt"]
        await kiosk.tap("#done")
        assert kiosk.screen == "top"
    record = ledger(demo_home)
    assert sum(record["payments"]) == due and sum(record["refunds"]) == refund


async def test_staff_can_switch_a_jam_on_and_off(kiosk) -> None:
    await kiosk.keys("f12")
    assert kiosk.screen == "staff"
    await kiosk.tap("#fault-jam")
    assert kiosk.app.terminal.devices.printer.fault == Reason.PRINTER_JAM
    await kiosk.keys("f12")
    await kiosk.tap("#fault-none")
    assert kiosk.app.terminal.devices.printer.fault is None
    assert kiosk.screen == "top"


@pytest.mark.parametrize("fault", ["jam", "paper_out"])
async def test_a_printer_faulted_before_anyone_comes_pauses_the_service(make_kiosk, clock,
                                                                       demo_home, fault) -> None:
    """休止: no session starts, so no money is taken, until staff clear the printer (F12)."""
    app = make_kiosk(printer_fault=fault, printer_fault_after=0)
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        assert kiosk.screen == "top"
        assert "ただいま証明書交付サービスは休止しています" in kiosk.text()
        assert app.screen.query_one("#admin_services").disabled
        app.screen.start()                       # even a tap that gets through starts nothing
        await kiosk.settle()
        assert kiosk.screen == "top" and app.terminal.flow.context.session_id is None
        await kiosk.keys("f12")
        await kiosk.tap("#fault-none")
        assert kiosk.screen == "top" and "休止" not in kiosk.text()
        await kiosk.tap("#admin_services")
        assert kiosk.screen == "terms"
        assert ledger(demo_home)["sessions"] == []
        # The same ledger does show a session once one starts, the service back.
        await kiosk.tap("#agree")
        await kiosk.tap("#certificate_service")
        assert kiosk.screen == "place_card" and ledger(demo_home)["sessions"] == ["open"]


async def test_a_jam_keeps_the_service_paused_after_the_session(make_kiosk, clock) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        due = await to_payment(kiosk, "1")
        app.terminal.devices.printer.set_fault("jam", 0)
        await kiosk.insert(*([100] * (due // 100)))
        assert kiosk.screen == "print_fault"
        await kiosk.tap("#ok")
        await kiosk.tap("#done")
        assert kiosk.screen == "top" and "休止" in kiosk.text()
        assert app.terminal.paused() == Reason.PRINTER_JAM


def _print_and_take(tray: Path, terminal: str, start: threading.Barrier) -> dict[Path, bytes]:
    """One terminal's day: PRINTS pages of its own, all taken; returns each taken page with what
    this terminal wrote on it."""
    printer = SimulatedPrinter(tray)
    written = {}
    start.wait()
    for n in range(PRINTS):
        pdf = f"%PDF {terminal} page {n}".encode()
        written[printer.print_copy(pdf) if n % 2 else printer.print_receipt(pdf)] = pdf
    taken = printer.take()
    assert sorted(taken) == sorted(written)
    return {path: written[path] for path in taken}


def _terminal_process(tray: Path, terminal: str, start, results) -> None:
    results.put(_print_and_take(tray, terminal, start))


def _assert_each_hands_out_its_own(handed: list[dict[Path, bytes]]) -> None:
    assert len(handed) == len(TERMINALS)
    for pages in handed:
        assert len(pages) == PRINTS
        for path, pdf in pages.items():
            assert path.read_bytes() == pdf, f"{path.name} holds another terminal's page"
    every = [path for pages in handed for path in pages]
    assert len(set(every)) == len(every), "two terminals handed out the same file"


def test_terminal_threads_on_one_tray_hand_out_only_their_own(tmp_path) -> None:
    # Switch threads as often as the interpreter can, so that their prints interleave finely.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    start, handed = threading.Barrier(len(TERMINALS)), {}
    threads = [threading.Thread(target=lambda t=t: handed.update(
        {t: _print_and_take(tmp_path, t, start)})) for t in TERMINALS]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    _assert_each_hands_out_its_own(list(handed.values()))


def test_terminal_processes_on_one_tray_hand_out_only_their_own(tmp_path) -> None:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(len(TERMINALS)), ctx.Queue()
    terminals = [ctx.Process(target=_terminal_process, args=(tmp_path, t, start, results))
                 for t in TERMINALS]
    for process in terminals:
        process.start()
    handed = [results.get(timeout=60) for _ in terminals]
    for process in terminals:
        process.join(timeout=60)
        assert process.exitcode == 0
    _assert_each_hands_out_its_own(handed)


async def test_a_faulted_coin_vendor_pauses_the_service_too(make_kiosk, clock) -> None:
    app = make_kiosk()
    app.terminal.devices.coins.set_fault(Reason.SYSTEM_ERROR)
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        assert "休止" in kiosk.text() and app.screen.query_one("#admin_services").disabled
        app.terminal.devices.coins.set_fault(None)
        app.tick()                                  # the top screen looks again on each tick
        await kiosk.settle()
        await kiosk.tap("#admin_services")
        assert kiosk.screen == "terms"


def test_page_numbers_go_on_rising_after_a_restart(tmp_path) -> None:
    tray = tmp_path / "tray"
    first = SimulatedPrinter(tray)
    names = [first.print_copy(b"%PDF-1").name for _ in range(3)] + [first.print_receipt(b"%PDF-1").name]
    first.take()
    (tray / "certificate-0002.pdf").unlink()          # a gap, as a taken page may leave
    again = SimulatedPrinter(tray)                   # the kiosk restarted on the same home
    assert names == ["certificate-0001.pdf", "certificate-0002.pdf", "certificate-0003.pdf",
                     "receipt-0004.pdf"]
    assert again.print_copy(b"%PDF-1").name == "certificate-0005.pdf"


def test_the_printer_takes_its_time_a_page_when_asked(tmp_path) -> None:
    import time

    slow = SimulatedPrinter(tmp_path / "slow", seconds_per_page=0.2)
    started = time.monotonic()
    for _ in range(2):
        slow.print_copy(b"%PDF-1")
    assert time.monotonic() - started >= 0.4          # (at least: a pace, not a speed)
    fast = SimulatedPrinter(tmp_path / "fast")
    assert fast.seconds_per_page == 0.0               # scripts and tests print at once
