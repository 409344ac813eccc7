"""`kiosk verify FILE.pdf [...]`: is this printed certificate genuine (本物)?

Re-reads the PDF's text, recomputes the content digest and checks the verification code's
signature with the issuing municipality's public key from KIOSK_HOME. Exit status 0 only when
every file is genuine.
"""

from __future__ import annotations

import argparse
import sys

# Exit status by outcome (the worst file wins).
EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_UNREADABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify", help="check a printed certificate's verification code (本物かどうか)",
        description="Check each PDF's verification code: 本物 (genuine), content altered, "
                    "signature wrong, or no verification code.")
    parser.add_argument("files", nargs="+", metavar="FILE.pdf")
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    from backend.config import paths
    from backend.document_keys import load_public_key
    from certificates_templates.verification import Verdict, verify_pdf

    home = paths()
    worst = EXIT_GENUINE
    for name in args.files:
        try:
            with open(name, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            print(f"{name}: 読み取れません (cannot read): {exc.strerror}", file=sys.stderr)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        result = verify_pdf(data, lambda code: load_public_key(home, code))
        stream = sys.stdout if result.verdict is Verdict.GENUINE else sys.stderr
        print(f"{name}: {result.message}", file=stream)
        if result.verdict is not Verdict.GENUINE:
            worst = max(worst, EXIT_UNREADABLE if result.verdict is Verdict.UNREADABLE
                        else EXIT_NOT_GENUINE)
    return worst
