"""The kiosk terminal (Textual). `build_app` wires the real pieces; `KioskApp` takes any."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.clock import Clock
from backend.config import Paths

if TYPE_CHECKING:
    from kiosk.app.app import KioskApp
    from kiosk.card.reader import CardReader


def build_app(paths: Paths, clock: Clock, *, kiosk_id: str | None = None, reader: str = "inprocess",
              lang: str = "ja", idle_seconds: float = 60.0, prompt_seconds: float = 20.0,
              printer_fault: str | None = None, printer_fault_after: int = 1,
              print_seconds: float = 0.0,
              audio: bool | None = None, database_url: str | None = None,
              centres: tuple[str, ...] = (),
              exit_when_started: bool = False, paint_frames: bool = True) -> KioskApp:
    """The kiosk as `kiosk run` and the scenario runner use it: the centre on `paths`
    (or `database_url`), or the remote one at `centres` (`kiosk.centre`), the in-process
    card tray or PC/SC, the simulated devices."""
    from backend.demo_data import DEFAULT_KIOSK_ID

    from kiosk.app.app import KioskApp
    from kiosk.centre import centre_factory, kiosk_of, prepare_home
    from kiosk.devices import simulated
    from kiosk.terminal import Terminal

    prepare_home(paths, centres)
    kiosk_id = kiosk_of(paths, centres, kiosk_id)      # a remote centre's kiosk: its credential's
    centre = centre_factory(paths, clock, database_url=database_url, centres=centres)

    card_reader: CardReader
    if reader == "pcsc":
        from kiosk.card.pcsc import PcscReader

        card_reader = PcscReader()
    else:
        from kiosk.card.virtual.inprocess import InProcessReader

        card_reader = InProcessReader(paths.card_tray)
    devices = simulated(paths.output_tray, printer_fault=printer_fault,
                        printer_fault_after=printer_fault_after, audio=audio,
                        print_seconds=print_seconds)
    terminal = Terminal(centre, card_reader, devices, clock, kiosk_id or DEFAULT_KIOSK_ID, paths,
                        lang=lang, idle_seconds=idle_seconds, prompt_seconds=prompt_seconds)
    return KioskApp(terminal, exit_when_started=exit_when_started, paint_frames=paint_frames)


__all__ = ["build_app"]
