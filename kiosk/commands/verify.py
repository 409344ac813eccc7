"""`kiosk verify [--keys DIR] FILE.pdf [...]`: is this printed certificate genuine (本物)?

Reads the signed record off the certificate's back page, checks the issuing municipality's
signature over it, draws the front and back again from the record and compares them with the
PDF as pixels and as text (certificates_templates.verification): a covering box, a recoloured
or moved word, an overlay or another certificate's back page is 改ざん, with where on which
page. The public keys come from KIOSK_HOME, or with `--keys DIR` from a directory of published
`<code>.pub.pem` files (offline: `kiosk script --out DIR` writes DIR/keys).

Exit status 0 only when every file is genuine; 1 when one is not; 2 when one could not be
checked: unreadable, beyond the reading limits (certificates_templates.pdf_guard: size, pages,
nesting, decoded data, page size, objects, memory, time), or drawn by another version of the
layouts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Exit status by outcome (the worst file wins).
EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_UNREADABLE = 2      # or refused: not checked


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify", help="check a printed certificate (本物かどうか)",
        description="Check each PDF against the signed record on its back page: 本物 (genuine), "
                    "altered (and where), signature wrong, or no verification code.")
    parser.add_argument("files", nargs="+", metavar="FILE.pdf")
    parser.add_argument("--keys", metavar="DIR", type=Path, default=None,
                        help="the municipalities' published public keys (<code>.pub.pem) "
                             "instead of KIOSK_HOME's")
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    from backend.document_keys import load_published_key
    from certificates_templates.pdf_guard import LIMITS
    from certificates_templates.verification import Verdict, verify_pdf
    from kiosk.catalogue import NO_KEYS, difference_messages, msg, verdict_message

    if args.keys is not None and not args.keys.is_dir():
        print(f"{args.keys}: {NO_KEYS.ja} ({NO_KEYS.en})", file=sys.stderr)
        return EXIT_UNREADABLE
    keys = args.keys if args.keys is not None else _home_keys()
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
        result = verify_pdf(data, lambda code: load_published_key(keys, code))
        message = verdict_message(result)
        issued = (f" — {result.payload.municipality_code} / {result.payload.document_id}"
                  if result.payload else "")
        stream = sys.stdout if result.genuine else sys.stderr
        print(f"{name}: {message.ja} ({message.en}){issued}", file=stream)
        for where in difference_messages(result):
            print(f"  {where.ja} ({where.en})", file=stream)
        if not result.genuine:
            worst = max(worst, EXIT_UNREADABLE if result.verdict in (
                Verdict.UNREADABLE, Verdict.REFUSED, Verdict.OTHER_LAYOUT) else EXIT_NOT_GENUINE)
    return worst


def _home_keys() -> Path:
    from backend.config import paths

    return paths().keys
