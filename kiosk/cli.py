"""The `kiosk` command line: `kiosk [run]`, `kiosk admin …`, `kiosk card …`, `kiosk script …`,
`kiosk verify FILE.pdf`. With no sub-command it runs the kiosk."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kiosk.commands import COMMAND_MODULES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="コンビニ交付 certificate kiosk simulator"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"kiosk.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "run")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()   # output still in the buffer meets a closed pipe here, not at exit
        return status
    except BrokenPipeError:
        # `kiosk card list | head`: the reader went away; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
