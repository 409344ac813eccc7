"""`kiosk card …`: the demo's card tray and the virtual reader.

    kiosk card list [--json]            the cards in the tray: holder, PIN, tries, status
                                        (a file that is not a card image: a line on stderr)
    kiosk card insert NAME [--port P]   hold a card into the vpcd reader of pcscd (PC/SC mode);
                                        runs until Ctrl-C or `kiosk card remove`
    kiosk card remove [--port P]        take it out again
    kiosk card reserve-reset NAME [--clock ISO]
                                        the smartphone app's step 1 of the signing-PIN reset
                                        (署名用電子証明書の暗証番号初期化の予約): kept 24 hours

`insert` needs a running pcscd with the vsmartcard-vpcd driver (`--start-pcscd` starts one
when none is running; pcscd needs root). While it runs it holds an exclusive lock on the
slot's state file (`run/card-inserted-PORT.json`, naming its pid): `remove` signals only a
process whose lock it finds held, never a pid left in a file by one that is gone.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from backend.private_files import private_dir
from kiosk.card.virtual.tray import card_rows, registry_statuses
from kiosk.commands.text import pad

DEFAULT_PORT = 35963


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("card", help="the demo card tray and the virtual card reader",
                                   description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="card_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: (parser.print_help(), 0)[1])

    p_list = sub.add_parser("list", help="cards in the tray with holder, PIN and status")
    p_list.add_argument("--json", action="store_true", help="one JSON array")
    p_list.add_argument("--clock", help="judge expiry at this instant (ISO 8601, JST if naive)")
    p_list.set_defaults(func=list_cards)

    p_insert = sub.add_parser("insert", help="hold a card into the vpcd reader (PC/SC)")
    p_insert.add_argument("name", help="card name (tray file stem), see `kiosk card list`")
    p_insert.add_argument("--port", type=int, default=DEFAULT_PORT,
                          help="vpcd slot port (35963: 'Virtual PCD 00 00')")
    p_insert.add_argument("--host", default="127.0.0.1")
    p_insert.add_argument("--start-pcscd", action="store_true",
                          help="start pcscd (left running) if it is not running")
    p_insert.set_defaults(func=insert_card)

    p_remove = sub.add_parser("remove", help="take the inserted card out of the vpcd reader")
    p_remove.add_argument("--port", type=int, default=DEFAULT_PORT)
    p_remove.set_defaults(func=remove_card)

    p_reserve = sub.add_parser("reserve-reset",
                               help="reserve the signing-PIN reset, as the smartphone app does")
    p_reserve.add_argument("name", help="card name, see `kiosk card list`")
    p_reserve.add_argument("--clock", help="reserve at this instant (ISO 8601, JST if naive)")
    p_reserve.set_defaults(func=reserve_reset)


# -- list -------------------------------------------------------------------------------------

def list_cards(args: argparse.Namespace) -> int:
    from backend.clock import SystemClock, parse_clock
    from backend.config import paths

    home = paths()
    today = (parse_clock(args.clock) if args.clock else SystemClock().now()).date()
    rows, skipped = card_rows(home, today, registry_statuses(home))
    for reason in skipped:
        print(f"カードとして読めないため省きました (skipped, not a card image): {reason}",
              file=sys.stderr)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(f"カードがありません (no cards in {home.card_tray}; run `kiosk admin seed`)")
        return 0
    print(f"{'NAME':<22} {'PIN':<5} {'TRIES':<5} {'STATUS':<20} {pad('MUNICIPALITY', 13)}HOLDER")
    for r in rows:
        print(f"{r['name']:<22} {r['pin']:<5} {r['tries_left']!s:<5} "
              f"{r['status']:<20} {pad(r['municipality'], 13)}{r['holder']}")
    return 0


# -- reserve-reset ----------------------------------------------------------------------------

def reserve_reset(args: argparse.Namespace) -> int:
    from backend.clock import JST, SystemClock, parse_clock
    from backend.config import paths
    from backend.pin_reset import reserve_pin_reset
    from backend.reasons import ServiceError

    at = parse_clock(args.clock) if args.clock else SystemClock().now()
    try:
        until = reserve_pin_reset(paths(), args.name, at)
    except ServiceError:
        print(f"カードがありません: {args.name} (no such card in the registry; "
              "`kiosk card list`)", file=sys.stderr)
        return 1
    print(f"{args.name}: 署名用電子証明書の暗証番号初期化を予約しました (signing-PIN reset reserved); "
          f"有効期限 until {until.astimezone(JST):%Y-%m-%d %H:%M} (24 hours, at a kiosk 6:30–23:00)")
    return 0


# -- insert / remove --------------------------------------------------------------------------

def _state_file(home, port: int) -> Path:
    return home.home / "run" / f"card-inserted-{port}.json"


class SlotHeld(Exception):
    """A live `kiosk card insert` holds the reader slot already."""


def hold_slot(state: Path, record: dict) -> int:
    """Take the reader slot: an exclusive lock on its state file, held until the returned
    descriptor is closed (when the process ends, at the latest), and `record` written in it.
    SlotHeld if a live insert process holds the lock."""
    private_dir(state.parent)
    deadline = time.monotonic() + 0.5   # a `remove` clearing a stale file holds it a moment
    while True:
        fd = os.open(state, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise SlotHeld(state) from None
            time.sleep(0.02)
            continue
        if _still_named(fd, state):
            break
        os.close(fd)                    # that stale file was cleared meanwhile: open anew
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(record).encode())
    return fd


def release_slot(state: Path, fd: int) -> None:
    """Give the slot up: the file goes while still locked, so no one finds it stale."""
    state.unlink(missing_ok=True)
    os.close(fd)


def slot_holder(state: Path) -> int | None:
    """The pid of the live insert process holding the slot, else None. A file whose lock is
    free is stale (its writer is gone, and the pid in it may now be anyone's): it is removed."""
    try:
        fd = os.open(state, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _recorded_pid(fd)
        if _still_named(fd, state):
            state.unlink()
        return None
    finally:
        os.close(fd)


def _still_named(fd: int, path: Path) -> bool:
    """`path` still names the file open on `fd` (not removed or replaced since it was opened)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _recorded_pid(fd: int) -> int | None:
    """The pid the lock holder wrote (just after taking the lock: allow it a moment)."""
    deadline = time.monotonic() + 1
    while True:
        try:
            pid = json.loads(os.pread(fd, 4096, 0))["pid"]
            if type(pid) is int and pid > 0:       # never 0 or -1: those signal groups
                return pid
        except (ValueError, KeyError, TypeError):
            pass
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)


def insert_card(args: argparse.Namespace) -> int:
    from backend.config import paths
    from kiosk.card.virtual.card import VirtualCard

    home = paths()
    try:
        card = VirtualCard.from_tray(home.card_tray, args.name)
    except FileNotFoundError:
        print(f"カードがありません: {args.name} (no such card in {home.card_tray})", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"カードを読み取れません (not a card image): {exc}", file=sys.stderr)
        return 1
    state = _state_file(home, args.port)
    try:
        slot = hold_slot(state, {"pid": os.getpid(), "card": args.name, "port": args.port})
    except SlotHeld:
        print(f"カードはすでに挿入されています (a card is already inserted on port {args.port}; "
              "`kiosk card remove` first)", file=sys.stderr)
        return 1
    try:
        return _hold_in_reader(card, args)
    finally:
        release_slot(state, slot)


def _hold_in_reader(card, args: argparse.Namespace) -> int:
    from kiosk.card.virtual.vpcd import VpcdLink, vpcd_reader_name

    if args.start_pcscd:
        from kiosk.card.pcscd import PcscdUnavailable, ensure_pcscd
        try:
            daemon = ensure_pcscd(detached=True)
        except PcscdUnavailable as exc:
            print(f"pcscd を起動できません (cannot start pcscd): {exc}", file=sys.stderr)
            return 1
        if daemon.process is not None:      # started here
            print(f"started pcscd (pid {daemon.process.pid}); it keeps running after this")
    link = VpcdLink(card, args.host, args.port)
    try:
        link.connect(timeout=2.0)
    except OSError:
        print(f"vpcd に接続できません (nothing listens on {args.host}:{args.port}). Start pcscd "
              "first: `sudo pcscd --foreground &`, or add --start-pcscd", file=sys.stderr)
        return 1
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def serve() -> None:
        link.serve()
        stop.set()          # the link ended (vpcd hung up): stop waiting

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    print(f"{args.name} をリーダーに置きました (inserted into '{vpcd_reader_name(args.port)}'); "
          "Ctrl-C or `kiosk card remove` takes it out", flush=True)
    try:
        while not stop.wait(0.5):   # wake up for Ctrl-C, which only the main thread receives
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        hung_up = link.closed.is_set()
        link.close()
    if hung_up:
        print("vpcd が切断しました (pcscd went away); card out", file=sys.stderr)
        return 1
    print(f"{args.name} を取り出しました (removed)")
    return 0


def remove_card(args: argparse.Namespace) -> int:
    from backend.config import paths

    state = _state_file(paths(), args.port)
    pid = slot_holder(state)
    if pid is None:
        print("カードは挿入されていません (no card inserted)", file=sys.stderr)
        return 1
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass                        # it ended just now: the wait below sees the slot free
    deadline = time.monotonic() + 10
    while slot_holder(state) == pid and time.monotonic() < deadline:
        time.sleep(0.05)            # waiting for the other process to take the card out
    if slot_holder(state) == pid:
        print("the insert process did not answer")
        return 1
    print("removed")
    return 0
