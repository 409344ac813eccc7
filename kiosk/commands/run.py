"""`kiosk run` (the default command): the full-screen kiosk terminal.

    kiosk run [--kiosk ID] [--clock ISO] [--reader inprocess|pcsc] [--lang ja|en|zh] [--idle SECONDS]
              [--print-seconds SECONDS] [--centre URL[,URL…]]

With `--centre` the kiosk is a client of `kiosk centre serve` (tried in order): its home holds
its credential (`kiosk admin kiosk-credential issue`), its card tray and its output, and it is
the kiosk its credential names.

A kiosk id is one machine: on one KIOSK_HOME, one `kiosk run` at a time is that kiosk (it
holds `run/kiosk-ID.lock`). Another one for the same id — a second terminal, a second browser
on `kiosk serve` — waits until the first has closed: starting at once would recover, as a
restarted machine does, the session the first is still serving (closing it, and paying its
coins out of the second one's tray as well).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from backend.config import Paths
    from kiosk.terminal import Terminal, View


PRINT_SECONDS = 3.0   # a multi-copy machine's A4 page, about


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the kiosk terminal full-screen (the default command)",
        description="Open the kiosk terminal: 行政サービス → 証明書交付サービス, steps ①–⑭. "
        "Staff keys: F9 card tray, F12 staff panel (printer faults, language, quit).",
    )
    parser.add_argument("--kiosk", metavar="ID", default=None,
                        help="which seeded kiosk this terminal is (default: the demo's default)")
    parser.add_argument("--clock", metavar="ISO", default=None,
                        help="start the clock at this instant and let it run (e.g. 2026-12-30T10:00)")
    parser.add_argument("--reader", choices=("inprocess", "pcsc"), default="inprocess",
                        help="card reader: the in-process virtual card tray, or PC/SC (default: %(default)s)")
    # kiosk.catalogue's LANGUAGES, spelled out: every command registers on each start, and
    # the catalogue takes a tenth of a second to import
    parser.add_argument("--lang", choices=("ja", "en", "zh"), default="ja",
                        help="the screens' primary language, which each person starts in and may "
                        "change on the top screen (default: %(default)s)")
    parser.add_argument("--idle", metavar="SECONDS", type=float, default=60.0,
                        help="inactivity before 続けますか？ (default: %(default)s)")
    parser.add_argument("--print-seconds", metavar="SECONDS", type=float, default=PRINT_SECONDS,
                        help="how long the printer takes a page, as a real one does "
                        "(default: %(default)s; 0: at once)")
    add_centre_option(parser)
    parser.add_argument("--benchmark-startup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--autoplay", metavar="FILE", default=None,
                        help="play a scenario file visibly at a human pace (staff demo), on a "
                        "fresh copy of the demo data")
    parser.add_argument("--pace", metavar="SECONDS", type=float, default=1.0,
                        help="with --autoplay: the pause before each step (default: %(default)s)")
    parser.add_argument("--loop", action="store_true",
                        help="with --autoplay: play it again and again, each time on fresh demo "
                        "data, until staff close the kiosk (F12, then Q) — an unattended demo")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    if args.autoplay and args.centre:
        print("kiosk run: --autoplay plays on fresh demo data of its own, not with --centre",
              file=sys.stderr)
        return 2
    if args.autoplay:
        from pathlib import Path

        from kiosk.scenario.autoplay import autoplay

        return autoplay(Path(args.autoplay), pace=args.pace, lang=args.lang,
                        rounds=None if args.loop else 1)
    from backend.clock import AdvancingClock, SystemClock, parse_clock
    from backend.config import paths

    from kiosk.app import build_app

    home = paths()
    try:
        centres, kiosk_id = remote_kiosk(home, args.centre, args.kiosk)
    except ValueError as exc:
        print(f"kiosk run: {exc}", file=sys.stderr)
        return 2
    with this_kiosk(home, kiosk_id):
        clock = AdvancingClock(parse_clock(args.clock)) if args.clock else SystemClock()
        app = build_app(
            home, clock, kiosk_id=kiosk_id, reader=args.reader, lang=args.lang,
            idle_seconds=args.idle, exit_when_started=args.benchmark_startup,
            print_seconds=args.print_seconds, centres=centres,
        )
        freeze_heap_after_first_session(app.terminal)
        # --benchmark-startup: headless, and exit once the first screen is up (scripts/bench)
        app.run(headless=args.benchmark_startup)
    if args.benchmark_startup and app.first_screen_at is not None:
        print(f"first_screen_at={app.first_screen_at:.6f}")
        print(f"peak_rss_kb={_peak_rss_kb()}")
    return int(app.return_code or 0)


def add_centre_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--centre", metavar="URL[,URL…]", default=None,
                        help="a remote centre (`kiosk centre serve`), or several tried in order, "
                        "instead of the one in this process; the kiosk proves who it is with the "
                        "credential in KIOSK_HOME/credential/")


def remote_kiosk(home: Paths, centre: str | None,
                 kiosk_id: str | None) -> tuple[tuple[str, ...], str | None]:
    """`--centre` and `--kiosk` checked: the centres to try and the kiosk this terminal is
    (a remote centre's: the one its credential names). ValueError says what is wrong."""
    from backend.reasons import ServiceError

    from kiosk.centre import kiosk_of, parse_centres

    centres = parse_centres(centre)
    try:
        return centres, kiosk_of(home, centres, kiosk_id)
    except ServiceError as exc:
        raise ValueError(f"{exc.detail or exc.reason.value} (kiosk admin kiosk-credential issue "
                         f"ID --out {home.home}, on the centre)") from None


def kiosk_lock(home: Paths, kiosk_id: str | None) -> Path:
    """The file whose lock says which process is this kiosk now (the id as a safe name)."""
    import hashlib
    import re

    from backend.demo_data import DEFAULT_KIOSK_ID

    kiosk_id = kiosk_id or DEFAULT_KIOSK_ID
    name = (kiosk_id if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", kiosk_id)
            else hashlib.sha256(kiosk_id.encode()).hexdigest()[:32])
    return home.home / "run" / f"kiosk-{name}.lock"


@contextmanager
def this_kiosk(home: Paths, kiosk_id: str | None) -> Iterator[None]:
    """Be this kiosk while the block runs: an exclusive lock on its file (which the end of
    the process gives up too, however it ends). If another process is the kiosk, say so on
    stderr (stdout may be a browser's stream) and wait for it. The file is never removed, so
    no one can lock a name another process no longer sees."""
    import fcntl
    import os

    from backend.private_files import FILE_MODE, private_dir

    lock = kiosk_lock(home, kiosk_id)
    private_dir(home.home)              # the rest of the home is build_app's (kiosk.centre)
    private_dir(lock.parent)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"kiosk run: kiosk {kiosk_id or '(default)'} is open elsewhere on "
              f"{home.home} (one machine, one screen); waiting until it closes",
              file=sys.stderr, flush=True)
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


def freeze_heap() -> None:
    """Take what the process holds now out of the cyclic collector's full passes, which would
    otherwise walk it all every few screens (pauses of ~0.1 s)."""
    gc.collect()
    gc.freeze()


def freeze_heap_after_first_session(terminal: Terminal) -> None:
    """After its first session the kiosk holds what it keeps for good (modules, styles, every
    step's screen, the fonts): freeze it then, once."""
    frozen = False

    def seen(view: View) -> None:
        nonlocal frozen
        if view.sessions_ended and not frozen:
            frozen = True
            freeze_heap()

    terminal.subscribe(seen)


def _peak_rss_kb() -> int:
    """This process's own peak resident set. Unlike ru_maxrss, VmHWM starts afresh at exec, so a
    large parent that forked us does not count."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1
