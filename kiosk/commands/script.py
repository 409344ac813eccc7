"""`kiosk script FILE... [--out DIR] [--jobs N] [--centre URL[,URL…]]`: run scenario files
headless against fresh demo data, N at a time (default: one per processor).

With `--centre` they run against that centre instead, one after another, as the kiosk whose
credential and card tray are in KIOSK_HOME (each scenario on a fresh copy of that tray).

Prints one line per scenario and a closing line `N passed, N failed`; exits 1 if any failed
(2 when no file could even be read).

Every scenario plays on its own copy of one seeded home, whose municipalities' signing keys are
made before the copies are taken, so that every certificate the run prints is signed by the
same keys; their public halves are written to DIR/keys, where `kiosk verify --keys DIR/keys`
finds them after the scenarios' homes are gone.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "script",
        help="run scenario files headless (pass/fail, transcript, printed PDFs)",
        description="Run each scenario against a fresh copy of the demo data, through the real "
        "kiosk app without a terminal. Results go to DIR/<scenario>/.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    parser.add_argument("--out", metavar="DIR", default="var/scenario-results",
                        help="where transcripts and printed PDFs go, and in DIR/keys the "
                        "municipalities' public keys (default: %(default)s)")
    parser.add_argument("--size", metavar="WxH", default="100x30",
                        help="virtual terminal size (default: %(default)s)")
    parser.add_argument("--jobs", "-j", metavar="N", type=int, default=None,
                        help="run N scenarios at once, each in its own process "
                        "(default: one per processor)")
    from kiosk.commands.run import add_centre_option
    add_centre_option(parser)
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
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
        if centres:                  # the keys are the centre's: nothing seeded here
            return run_files([Path(f) for f in args.files], Path(args.out), size=(width, height),
                             jobs=args.jobs or default_jobs(), centres=centres,
                             kiosk_home=kiosk_home.home if kiosk_home else None)
        with _keyed_template(Path(args.out)) as template:
            return run_files([Path(f) for f in args.files], Path(args.out), size=(width, height),
                             jobs=args.jobs or default_jobs(), template=template)
    except BrokenPipeError:          # `kiosk script … | head`: the reader left; stop quietly
        import os
        import sys

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1



@contextmanager
def _keyed_template(out: Path) -> Iterator[Path | None]:
    """The seeded home every scenario copies, its municipalities' keys made and their public
    halves published in `out`/keys. None when seeding fails: the runner then tries again
    itself and says why it cannot."""
    from backend import demo_data
    from backend.config import Paths
    from backend.document_keys import publish_public_keys
    from kiosk.scenario.harness import seeded_template

    with ExitStack() as stack:
        try:
            home: Path | None = stack.enter_context(seeded_template())
        except Exception:                    # reported by the runner's own attempt
            home = None
        if home is not None:
            try:
                publish_public_keys(Paths(home), [m.code for m in demo_data.MUNICIPALITIES],
                                    out / "keys")
            except OSError as exc:
                print(f"kiosk script: cannot write the public keys in {out / 'keys'}: {exc}")
        yield home
