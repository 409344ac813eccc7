"""`kiosk serve`: the kiosk in a web browser, through textual-serve.

    kiosk serve [--host 127.0.0.1] [--port 8000] [--public-url URL] [--kiosk ID] [--lang ja|en]
                [--clock ISO] [--idle SECONDS] [--centre URL[,URL…]]

Each browser connection starts its own `kiosk run` (textual-serve runs the command once per
connection and drives it through Textual's web driver), all on this process's KIOSK_HOME and
database, so they share the card tray, the output tray and the centre's ledger. A kiosk id is
one machine: `kiosk run` holds it while it runs, so a second connection on the same id waits
(textual-serve's loading card on its page) until the first one's browser has gone.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the kiosk terminal to web browsers (one kiosk app per connection)",
        description="Serve the kiosk over HTTP: each browser that opens the URL gets its own "
        "kiosk app (`kiosk run`) on this KIOSK_HOME. One kiosk id is one machine: a second "
        "connection waits on its loading card until the first has closed. "
        "Staff keys as in `kiosk run`: F9 card tray, F12 staff panel.",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port to listen on (default: %(default)s)")
    parser.add_argument("--public-url", metavar="URL", default=None,
                        help="the address browsers use, if not http://HOST:PORT/ (listening on "
                        "0.0.0.0, or behind a proxy)")
    parser.add_argument("--kiosk", metavar="ID", default=None,
                        help="which seeded kiosk every connection is (default: the demo's default)")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja",
                        help="primary language of the screens (default: %(default)s)")
    parser.add_argument("--clock", metavar="ISO", default=None,
                        help="each connection's clock starts at this instant and runs "
                        "(e.g. 2026-12-30T10:00)")
    parser.add_argument("--idle", metavar="SECONDS", type=float, default=None,
                        help="inactivity before 続けますか？ (default: kiosk run's)")
    parser.add_argument("--print-seconds", metavar="SECONDS", type=float, default=None,
                        help="how long the printer takes a page (default: kiosk run's)")
    from kiosk.commands.run import add_centre_option
    add_centre_option(parser)
    parser.set_defaults(func=handle)


def kiosk_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve starts per connection: this interpreter's `kiosk run`
    with the options given (textual-serve runs it through the shell, hence the quoting)."""
    argv = [sys.executable, "-m", "kiosk.cli", "run", "--lang", args.lang]
    for option, value in (("--kiosk", args.kiosk), ("--clock", args.clock),
                          ("--idle", args.idle), ("--print-seconds", args.print_seconds),
                          ("--centre", args.centre)):
        if value is not None:
            argv += [option, str(value)]
    return shlex.join(argv)


def public_url(host: str, port: int) -> str:
    """Where a browser finds the kiosk (an IPv6 address in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def handle(args: argparse.Namespace) -> int:
    import asyncio
    import os

    from textual_serve.server import Server

    from backend.config import paths
    from backend.demo_data import DEFAULT_KIOSK_ID
    from kiosk.catalogue import text

    # Every connection's app runs on this home, whatever the default would be for it.
    os.environ["KIOSK_HOME"] = str(paths().home)
    url = args.public_url or public_url(args.host, args.port)

    class KioskServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            # Instead of textual-serve's banner, one line once the port takes connections
            # (start-up runs before the bind): scripts and tests read the URL in it.
            self.announcing = asyncio.create_task(announce())   # held, or it may be collected

    async def announce() -> None:
        while True:
            try:
                _, writer = await asyncio.open_connection(args.host, args.port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            print(f"kiosk serve: {url} (kiosk {args.kiosk or DEFAULT_KIOSK_ID}, "
                  f"KIOSK_HOME={os.environ['KIOSK_HOME']}); Ctrl+C stops", flush=True)
            return

    server = KioskServer(kiosk_command(args), host=args.host, port=args.port,
                         title=text("title", args.lang), public_url=url.rstrip("/"))
    try:
        port_is_free(args.host, args.port)  # else the line above would greet another server
        server.serve()
    except OSError as exc:             # the port is taken, the address is not this machine's
        print(f"kiosk serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    return 0


def port_is_free(host: str, port: int) -> None:
    """Raise OSError unless `host`:`port` can be bound now (as aiohttp binds it)."""
    import socket

    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
