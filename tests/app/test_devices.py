"""The simulated devices on their own: coin vendor, printer, speaker."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from backend.demo_data import DEMO_NOW
from backend.reasons import Reason
from kiosk.devices.coins import FULL_STOCK, ChangeShortage, SimulatedCoinVendor, breakdown
from kiosk.devices.printer import PrinterFault, SimulatedPrinter
from kiosk.devices.speaker import REPEAT_EVERY, Espeak, SimulatedSpeaker


def test_coin_vendor_accepts_only_yen_it_knows_and_only_while_open() -> None:
    coins = SimulatedCoinVendor()
    seen = []
    coins.subscribe(seen.append)
    assert not coins.insert(100).accepted                       # closed: straight back
    coins.open(300)
    for coin in (1, 5, 2000, "foreign", True, 100.0):
        outcome = coins.insert(coin)
        assert not outcome.accepted and outcome.reason == Reason.INVALID_COIN
    assert [c for c in (10, 50, 100) if coins.insert(c).accepted] == [10, 50, 100]
    assert coins.inserted_yen == 160 and coins.accepting
    assert coins.insert(500).accepted and not coins.accepting   # enough: the slot shuts
    assert coins.insert(10).reason == Reason.COIN_REJECTED
    assert coins.take_change() == [100, 1, 5, 2000, "foreign", True, 100.0, 10]
    assert len(seen) == 12
    coins.settle(change_yen=360)
    assert sorted(coins.take_change()) == [10, 50, 100, 100, 100] and coins.cash_box_yen == 300


def test_refund_returns_the_very_coins_or_their_value() -> None:
    coins = SimulatedCoinVendor()
    coins.open(1000)
    coins.insert(50)
    coins.insert(50)
    coins.refund(100)
    assert coins.take_change() == [50, 50] and coins.inserted_yen == 0
    coins.open(1000)
    coins.insert(500)
    coins.settle(0)
    coins.pay_out(250)                                          # unprinted copies refunded
    assert coins.take_change() == [100, 100, 50] and coins.cash_box_yen == 250


@pytest.mark.parametrize("yen, expected", [(0, []), (10, [10]), (1660, [500, 500, 500, 100, 50, 10])])
def test_breakdown(yen, expected) -> None:
    assert breakdown(yen) == expected          # coins only: a machine pays out no notes


def test_breakdown_refuses_what_coins_cannot_pay() -> None:
    with pytest.raises(ChangeShortage):
        breakdown(15)


@pytest.mark.parametrize("yen, stock, expected", [
    (600, {500: 0, 100: 9, 50: 0, 10: 0}, [100] * 6),       # no 500s: six 100s
    (150, {500: 5, 100: 0, 50: 3, 10: 0}, [50, 50, 50]),
    (990, {500: 1, 100: 4, 50: 1, 10: 4}, [500, 100, 100, 100, 100, 50, 10, 10, 10, 10]),
])
def test_breakdown_out_of_a_limited_stock(yen, stock, expected) -> None:
    assert breakdown(yen, stock) == expected


@pytest.mark.parametrize("yen, stock", [(990, {500: 1, 100: 4, 50: 1, 10: 3}),
                                        (60, {500: 9, 100: 9, 50: 1, 10: 0})])
def test_breakdown_short_of_a_coin(yen, stock) -> None:
    with pytest.raises(ChangeShortage):
        breakdown(yen, stock)


def _worth(stock: dict[int, int]) -> int:
    return sum(unit * n for unit, n in stock.items())


def test_every_yen_is_in_a_hopper_the_note_box_or_the_tray() -> None:
    """Physical conservation: what was in the hoppers plus what came in is still in the
    machine or in the return tray, after sales, change, cancels and pay-outs."""
    coins = SimulatedCoinVendor()
    before = _worth(coins.stock)
    handed_back = 0
    for due, money, change in ((300, [1000], 700), (450, [100, 100, 100, 100, 50], 0),
                               (200, [500], 300)):
        coins.open(due)
        for m in money:
            coins.insert(m)
        coins.settle(change)
        handed_back += sum(coins.take_change())
    coins.open(450)
    coins.insert(100)
    coins.insert(1000)
    coins.refund(1100)                                          # cancelled: the same money back
    handed_back += sum(c for c in coins.take_change() if isinstance(c, int))
    coins.pay_out(250)
    handed_back += sum(coins.take_change())
    assert coins.accepted_yen == 1000 + 450 + 500 + 1100
    assert _worth(coins.stock) + coins.notes_yen + handed_back == before + coins.accepted_yen
    assert coins.paid_out_yen == handed_back
    assert coins.cash_box_yen == 300 + 450 + 200 - 250          # the takings


def test_low_change_pauses_until_staff_refill() -> None:
    coins = SimulatedCoinVendor({500: 1, 100: 4, 50: 1, 10: 4})   # just enough for 990
    assert coins.fault is None
    coins.open(10)
    coins.insert(1000)
    coins.settle(990)                                           # the largest change there is
    assert sorted(coins.take_change()) == [10] * 4 + [50] + [100] * 4 + [500]
    assert coins.fault == Reason.CHANGE_LOW                     # 釣銭切れ: the next person waits
    coins.set_fault(None)                                       # "fault cleared" is no refill
    assert coins.fault == Reason.CHANGE_LOW
    coins.refill()
    assert coins.fault is None and coins.stock == FULL_STOCK
    coins.set_fault(Reason.COIN_REJECTED)                       # a staff-switched fault comes first
    assert coins.fault == Reason.COIN_REJECTED


def test_a_pay_out_the_stock_cannot_make_pays_nothing() -> None:
    coins = SimulatedCoinVendor({500: 0, 100: 1, 50: 0, 10: 0})
    with pytest.raises(ChangeShortage):
        coins.pay_out(450)
    assert coins.change_tray == () and coins.paid_out_yen == 0 and coins.stock[100] == 1


def test_printer_writes_the_tray_and_jams_mid_job(tmp_path) -> None:
    printer = SimulatedPrinter(tmp_path / "out", fault="jam", fault_after=2)
    printer.begin_job()
    first = printer.print_copy(b"%PDF-1")
    printer.print_copy(b"%PDF-2")
    with pytest.raises(PrinterFault) as fault:
        printer.print_copy(b"%PDF-3")
    assert fault.value.reason == Reason.PRINTER_JAM
    printer.print_receipt(b"%PDF-R")                            # the receipt unit still works
    assert first.read_bytes() == b"%PDF-1"
    taken = printer.take()
    assert [p.name for p in taken] == ["certificate-0001.pdf", "certificate-0002.pdf", "receipt-0003.pdf"]
    assert printer.tray == ()
    printer.set_fault(None)
    printer.print_copy(b"%PDF-4")
    with pytest.raises(ValueError):
        printer.set_fault("on fire")


def test_printer_never_overwrites_what_is_in_the_tray(tmp_path) -> None:
    (tmp_path / "certificate-0001.pdf").write_bytes(b"earlier")
    path = SimulatedPrinter(tmp_path).print_copy(b"%PDF")
    assert path.name == "certificate-0002.pdf"
    assert (tmp_path / "certificate-0001.pdf").read_bytes() == b"earlier"


def test_speaker_repeats_until_stopped() -> None:
    speaker = SimulatedSpeaker(audio=False)
    speaker.start_repeating("証明書をお取りください。", DEMO_NOW)
    assert not speaker.due(DEMO_NOW + timedelta(seconds=1))
    assert speaker.due(DEMO_NOW + REPEAT_EVERY)
    assert speaker.due(DEMO_NOW + 2 * REPEAT_EVERY)
    speaker.stop()
    assert not speaker.due(DEMO_NOW + 10 * REPEAT_EVERY)
    assert speaker.spoken == ["証明書をお取りください。"] * 3


def _stand_in_voice(tmp_path):
    """A stand-in for espeak-ng: notes each announcement as it starts, then talks for a while
    (it notes when it is cut short)."""
    log = tmp_path / "voice.log"
    binary = tmp_path / "espeak-ng"
    binary.write_text(f'#!/bin/sh\ntrap \'echo "cut $3" >> {log}; exit 0\' TERM\n'
                      f'echo "$2 $3" >> {log}\nsleep 30 & wait\n', encoding="utf-8")
    binary.chmod(0o755)
    return binary, log


def _lines_when(log, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        if len(lines) >= count:
            return lines
        time.sleep(0.02)
    raise AssertionError(f"the voice said {lines}, expected {count} lines")


def test_the_voice_speaks_in_order_and_is_cut_short(tmp_path) -> None:
    binary, log = _stand_in_voice(tmp_path)
    voice = Espeak(str(binary))
    voice.play("一つ目", "ja")
    assert _lines_when(log, 1) == ["ja 一つ目"]
    voice.play("second", "en")                  # cuts the first short
    assert _lines_when(log, 3) == ["ja 一つ目", "cut 一つ目", "en second"]
    voice.silence()
    assert _lines_when(log, 4)[3] == "cut second"


def test_each_language_is_read_in_its_own_voice(tmp_path) -> None:
    """Chinese is read in Mandarin with the voice that reads espeak-ng's own pinyin as pinyin."""
    binary, log = _stand_in_voice(tmp_path)
    voice = Espeak(str(binary))
    for count, (text, lang) in enumerate((("証明書", "ja"), ("certificate", "en"),
                                          ("請取走證明書。", "zh"))):
        voice.play(text, lang)                   # (each cuts the one before short)
        _lines_when(log, 2 * count + 1)
    voice.silence()
    said = [line for line in _lines_when(log, 6) if not line.startswith("cut")]
    assert said == ["ja 証明書", "en certificate", "cmn-latn-pinyin 請取走證明書。"]


def test_a_voice_that_cannot_start_is_dropped_quietly(tmp_path) -> None:
    voice = Espeak(str(tmp_path / "no-such-espeak"))
    voice.play("一つ目", "ja")
    voice.play("二つ目", "ja")
    voice.silence()
    deadline = time.monotonic() + 5
    while voice._binary is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert voice._binary is None


def _zombie_children() -> list[int]:
    """This process's children that have exited but were never waited for."""
    import os
    from pathlib import Path

    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        pids += [int(p) for p in children]
    zombies = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            continue
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            zombies.append(pid)
    return zombies


def test_a_finished_announcement_leaves_no_zombie(tmp_path) -> None:
    log = tmp_path / "voice.log"
    binary = tmp_path / "espeak-ng"
    binary.write_text(f'#!/bin/sh\necho "$2 $3" >> {log}\n', encoding="utf-8")   # done at once
    binary.chmod(0o755)
    voice = Espeak(str(binary))
    voice.play("一つ目", "ja")
    assert _lines_when(log, 1) == ["ja 一つ目"]
    deadline = time.monotonic() + 5
    while _zombie_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _zombie_children() == []
    # the check sees one: a child that exits and is not waited for is a zombie
    import subprocess

    child = subprocess.Popen(["true"])
    deadline = time.monotonic() + 5
    while child.pid not in _zombie_children() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert child.pid in _zombie_children()
    child.wait()
