"""`kiosk script FILE... [--out DIR] [--jobs N] [--centre URL[,URL…]]`: run scenario files
headless against fresh demo data, N at a time (default: one per processor).

With `--centre` they run against that centre instead, one after another, as the kiosk whose
credential and card tray are in KIOSK_HOME (each scenario on a fresh copy of that tray).

Prints one line per scenario and a closing line `N passed, N failed`; exits 1 if any failed
(2 when no file could even be read).
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "script",
        help="run scenario files headless (pass/fail, transcript, printed PDFs)",
        description="Run each scenario against a fresh copy of the demo data, through the real "
        "kiosk app without a terminal. Results go to DIR/<scenario>/.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    parser.add_argument("--out", metavar="DIR", default="var/scenario-results",
                        help="where transcripts and printed PDFs go (default: %(default)s)")
    parser.add_argument("--size", metavar="WxH", default="100x30",
                        help="virtual terminal size (default: %(default)s)")
    parser.add_argument("--jobs", "-j", metavar="N", type=int, default=None,
                        help="run N scenarios at once, each in its own process "
                        "(default: one per processor)")
    from kiosk.commands.run import add_centre_option
    add_centre_option(parser)
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.scenario.runner import default_jobs, run_files

    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        print(f"kiosk script: --size must be WIDTHxHEIGHT, got {args.size!r}")
        return 2
    if args.jobs is not None and args.jobs < 1:
        print(f"kiosk script: --jobs must be 1 or more, got {args.jobs}")
        return 2
    centres: tuple[str, ...] = ()
    kiosk_home = None
    if args.centre:
        from backend.config import paths

        from kiosk.commands.run import remote_kiosk

        kiosk_home = paths()
        try:
            centres, _ = remote_kiosk(kiosk_home, args.centre, None)
        except ValueError as exc:
            print(f"kiosk script: {exc}")
            return 2
    try:
        return run_files([Path(f) for f in args.files], Path(args.out), size=(width, height),
                         jobs=args.jobs or default_jobs(), centres=centres,
                         kiosk_home=kiosk_home.home if kiosk_home else None)
    except BrokenPipeError:          # `kiosk script … | head`: the reader left; stop quietly
        import os
        import sys

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
