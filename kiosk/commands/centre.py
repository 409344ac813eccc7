"""`kiosk centre …`: the issuance centre as a service of its own, for kiosks run with `--centre`.

    kiosk centre serve [--host 127.0.0.1] [--port 8443] [--database URL] [--workers N] [--clock ISO]
    kiosk centre openapi                  the API's OpenAPI schema (JSON) on stdout
    kiosk centre top [--database URL] [--interval SECONDS] [--clock ISO] [--lang ja|en|zh]
                                          the live fleet (稼働状況), read-only, q quits

KIOSK_HOME is the centre's home: the register's database (or --database / KIOSK_DATABASE_URL),
the municipalities' keys, the J-LIS CA and the kiosk CA (`kiosk-ca/`). Seed it as always
(`kiosk admin seed`), give each kiosk a credential (`kiosk admin kiosk-credential issue ID
--out KIOSK_HOME_OF_THAT_KIOSK`) and, for the demo cards, the card tray (`kiosk admin
export-cards KIOSK_HOME_OF_THAT_KIOSK`). Kiosks then run `kiosk run --centre https://HOST:PORT`.
"""

from __future__ import annotations

import argparse
import sys


def _database_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--database", metavar="URL", default=None,
                        help=f"{what} (default: KIOSK_DATABASE_URL, else the SQLite file in "
                        "KIOSK_HOME)")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "centre", help="the issuance centre as a service (HTTPS, mutual TLS) for remote kiosks",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    serve = sub.add_parser("serve", help="serve the centre's API over HTTPS (kiosk credentials "
                           "required)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on "
                       "(default: %(default)s; the server certificate names 127.0.0.1, ::1 and "
                       "localhost)")
    serve.add_argument("--port", type=int, default=8443, help="port (default: %(default)s)")
    _database_option(serve, "the register's database")
    serve.add_argument("--workers", metavar="N", type=int, default=1,
                       help="server processes (default: %(default)s)")
    serve.add_argument("--clock", metavar="ISO", default=None,
                       help="start the centre's clock at this instant and let it run "
                       "(e.g. 2026-06-10T10:00); default: the system clock")
    serve.add_argument("--log-level", default="warning",
                       choices=("critical", "error", "warning", "info", "debug"),
                       help="uvicorn's log level (default: %(default)s)")
    serve.set_defaults(func=_serve)
    sub.add_parser("openapi", help="print the API's OpenAPI schema (JSON)").set_defaults(
        func=_openapi)
    top = sub.add_parser("top", help="a live dashboard of the fleet, read from the database")
    _database_option(top, "the centre's database")
    top.add_argument("--interval", metavar="SECONDS", type=float, default=2.0,
                     help="seconds between refreshes (default: %(default)s)")
    top.add_argument("--clock", metavar="ISO", default=None,
                     help="the centre's --clock, if it runs on one: start here and let it run")
    top.add_argument("--lang", choices=("ja", "en", "zh"), default="ja")
    top.set_defaults(func=_top)


def _serve(args: argparse.Namespace) -> int:
    from backend.clock import parse_clock
    from backend.config import paths
    from backend.server.serve import ServeOptions, serve

    if args.workers < 1 or not 0 <= args.port <= 65535:
        print("kiosk centre serve: --workers must be 1 or more and --port 0–65535",
              file=sys.stderr)
        return 2
    if args.clock:
        try:
            parse_clock(args.clock)
        except ValueError:
            print(f"kiosk centre serve: --clock must be ISO 8601, got {args.clock!r}",
                  file=sys.stderr)
            return 2
    home = paths()
    print(f"kiosk centre: https://{args.host}:{args.port}/v1 on {home.home} "
          "(kiosk credentials required)", file=sys.stderr, flush=True)
    serve(home, ServeOptions(args.host, args.port, args.database, args.workers, args.clock,
                             args.log_level))
    return 0


def _openapi(args: argparse.Namespace) -> int:
    import json

    from backend.server.app import openapi_schema

    print(json.dumps(openapi_schema(), ensure_ascii=False, indent=1))
    return 0


def _top(args: argparse.Namespace) -> int:
    from backend.clock import AdvancingClock, SystemClock, parse_clock
    from backend.config import database_url
    from kiosk.dashboard.app import FleetApp

    if not args.interval > 0:
        print("kiosk centre top: --interval must be more than 0", file=sys.stderr)
        return 2
    try:
        clock = AdvancingClock(parse_clock(args.clock)) if args.clock else SystemClock()
    except ValueError:
        print(f"kiosk centre top: --clock must be ISO 8601, got {args.clock!r}", file=sys.stderr)
        return 2
    FleetApp(args.database or database_url(), interval=args.interval, lang=args.lang,
             now=clock.now).run()
    return 0
