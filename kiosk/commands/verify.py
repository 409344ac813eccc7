"""`kiosk verify FILE.pdf [...]`: is this printed certificate genuine (本物)?

Re-reads the PDF's text, recomputes the content digest and checks the verification code's
signature with the issuing municipality's public key from KIOSK_HOME. Exit status 0 only when
every file is genuine. A file beyond the reading limits (certificates_templates.pdf_guard: size,
pages, nesting, decoded data, memory, time) is refused unread, with exit status 2.
"""

from __future__ import annotations

import argparse
import sys

# Exit status by outcome (the worst file wins).
EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_UNREADABLE = 2      # or refused: not checked


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
    from certificates_templates.pdf_guard import LIMITS
    from certificates_templates.verification import Verdict, verify_pdf
    from kiosk.catalogue import msg, verdict_message

    home = paths()
    worst = EXIT_GENUINE
    for name in args.files:
        try:
            with open(name, "rb") as fh:
                data = fh.read(LIMITS.file_bytes + 1)    # one byte more says it is too large
        except OSError as exc:
            cannot = msg("verify_cannot_read")
            print(f"{name}: {cannot.ja} ({cannot.en}): {exc.strerror}", file=sys.stderr)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        result = verify_pdf(data, lambda code: load_public_key(home, code))
        message = verdict_message(result)
        issued = (f" — {result.payload.municipality_code} / {result.payload.document_id}"
                  if result.payload else "")
        stream = sys.stdout if result.genuine else sys.stderr
        print(f"{name}: {message.ja} ({message.en}){issued}", file=stream)
        if not result.genuine:
            worst = max(worst, EXIT_UNREADABLE if result.verdict in (Verdict.UNREADABLE,
                                                                     Verdict.REFUSED)
                        else EXIT_NOT_GENUINE)
    return worst
