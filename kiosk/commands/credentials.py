"""`kiosk admin kiosk-credential …` and `kiosk admin export-cards`: what the centre's staff
hand to a kiosk that will talk to the centre over the network (`kiosk run --centre URL`).

  kiosk-credential issue ID [--out DIR]   a key and certificate for kiosk ID, from the kiosk CA
                                          in KIOSK_HOME, with the CA's certificate, into
                                          DIR/credential/ (DIR: that kiosk's KIOSK_HOME)
  kiosk-credential revoke ID              the centre refuses every credential issued to ID
  kiosk-credential list                   what was issued, and what is revoked
  export-cards DIR                        the demo card tray into DIR/cards/ (a demo's
                                          convenience: a real kiosk reads real cards)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.commands.text import table


def register_admin(sub: argparse._SubParsersAction) -> None:
    """Add the credential actions to `kiosk admin`."""
    credential = sub.add_parser("kiosk-credential", help="kiosk credentials for `--centre`: "
                                "issue, revoke, list", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    csub = credential.add_subparsers(dest="credential_command", metavar="ACTION", required=True)
    issue = csub.add_parser("issue", help="issue a credential for a kiosk")
    issue.add_argument("kiosk", metavar="ID", help="the kiosk id, e.g. seven-izumi-fuchu")
    issue.add_argument("--out", metavar="DIR", default=None,
                       help="that kiosk's home: the files go in DIR/credential/ "
                       "(default: ./kiosk-ID)")
    issue.set_defaults(func=_issue)
    revoke = csub.add_parser("revoke", help="revoke every credential of a kiosk")
    revoke.add_argument("kiosk", metavar="ID")
    revoke.set_defaults(func=_revoke)
    csub.add_parser("list", help="the credentials issued").set_defaults(func=_list)
    export = sub.add_parser("export-cards", help="copy the demo card tray into a kiosk's home")
    export.add_argument("out", metavar="DIR", help="the kiosk's home: cards go in DIR/cards/")
    export.set_defaults(func=_export_cards)


def _issue(args: argparse.Namespace) -> int:
    from backend import registry
    from backend.config import database_url, paths
    from backend.db import Database
    from backend.kiosk_ca import KioskAuthority
    from backend.reasons import ServiceError
    from kiosk.commands.admin import _fail

    home = paths()
    database = Database(database_url(home=home))
    try:
        database.migrate()
        with database.unit() as s:        # a kiosk the register knows, under its own id
            kiosk_id = registry.kiosk_row(s, args.kiosk).kiosk_id
        files = KioskAuthority(home.ensure()).issue(kiosk_id, Path(args.out or f"kiosk-{kiosk_id}"))
    except ServiceError as exc:
        return _fail(exc)
    finally:
        database.dispose()
    print(f"{kiosk_id}: credential in {files.directory} "
          f"({files.key.name}, {files.certificate.name}, {files.centre_ca.name})")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from backend.config import paths
    from backend.kiosk_ca import KioskAuthority

    authority = KioskAuthority(paths().ensure())
    if not any(kiosk == args.kiosk for kiosk, _ in authority.issued().values()):
        print(f"no credential was issued to {args.kiosk!r}", file=sys.stderr)
        return 1
    count = authority.revoke(args.kiosk)
    print(f"{args.kiosk}: {count} credential(s) revoked; the centre refuses them from now on")
    return 0


def _list(args: argparse.Namespace) -> int:
    from backend.config import paths
    from backend.kiosk_ca import KioskAuthority

    issued = KioskAuthority(paths().ensure()).issued()
    print(table(["kiosk 端末", "serial", "status"],
                [[kiosk, f"{serial:x}", "revoked" if revoked else "valid"]
                 for serial, (kiosk, revoked) in sorted(issued.items(), key=lambda i: i[1])]))
    return 0


def _export_cards(args: argparse.Namespace) -> int:
    from backend.config import paths
    from backend.jpki.card_image import SUFFIX, card_names
    from backend.private_files import private_dir, write_private

    tray = paths().card_tray
    names = card_names(tray) if tray.is_dir() else []
    if not names:
        print(f"no cards in {tray}: seed first (`kiosk admin seed`)", file=sys.stderr)
        return 1
    target = private_dir(private_dir(Path(args.out)) / "cards")
    for name in names:
        write_private(target / f"{name}{SUFFIX}", (tray / f"{name}{SUFFIX}").read_bytes())
    print(f"{len(names)} cards → {target}")
    return 0
