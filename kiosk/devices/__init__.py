"""The kiosk's devices, each a small interface with a simulated implementation.

`Devices` bundles what one terminal has: a coin vendor (コインベンダ), a printer and a
speaker. The card reader comes from `kiosk.card`. Each exposes what a person can do to it
(insert a coin, take the printouts, take the change) so tests and scenarios act like people.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.devices.coins import CoinVendor, SimulatedCoinVendor
from kiosk.devices.printer import Printer, SimulatedPrinter
from kiosk.devices.speaker import SimulatedSpeaker, Speaker


@dataclass
class Devices:
    coins: CoinVendor
    printer: Printer
    speaker: Speaker


def simulated(output_tray: Path, *, printer_fault: str | None = None, printer_fault_after: int = 1,
              audio: bool | None = None, print_seconds: float = 0.0) -> Devices:
    """The demo's devices; `audio=None` speaks through espeak-ng when it is installed;
    `print_seconds` a page (0: at once)."""
    return Devices(
        coins=SimulatedCoinVendor(),
        printer=SimulatedPrinter(output_tray, fault=printer_fault, fault_after=printer_fault_after,
                                 seconds_per_page=print_seconds),
        speaker=SimulatedSpeaker(audio=audio),
    )


__all__ = ["CoinVendor", "Devices", "Printer", "SimulatedCoinVendor", "SimulatedPrinter",
           "SimulatedSpeaker", "Speaker", "simulated"]
