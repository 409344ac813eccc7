"""`kiosk admin …`: the staff tools (窓口) over KIOSK_HOME / KIOSK_DATABASE_URL.

  migrate                                   create or upgrade the database schema
  seed [--if-empty] [--clock ISO]           demo register, kiosks and card tray
  cards | residents [--municipality CODE]   listings
  suspend | resume | abolish CARD           card status (一時停止 / 解除 / 廃止)
  unlock-pin CARD                           lift the user-auth PIN lock (窓口 procedure)
  maintenance add|remove DATE [--municipality CODE] | maintenance list
  expire-sessions                           close idle unpaid sessions (their coins owed back)
  recover KIOSK                             close what a kiosk that will not start left open
  settle-refund SESSION                     staff paid an owed refund by hand (id or prefix)
  report [--kiosk ID] [--date YYYY-MM-DD]   daily report per kiosk, as a table; 利用登録申請 by status
  registrations list [--status S]           本籍地 利用登録申請 (pending / approved / rejected)
  registrations approve ID [--force]        approve one (ID: its 受付番号 or its id); --force: even
                                            one the 戸籍 check does not match
  registrations reject ID --reason TEXT     reject one, saying why
  kiosk-credential issue ID [--out DIR]     a kiosk's credential for `--centre` (kiosk CA)
  kiosk-credential revoke ID | list         the centre refuses a revoked kiosk
  export-cards DIR                          the demo card tray into a kiosk's home DIR/cards/
  key-pool fill [--size N] [--if-below [M]] make RSA keys ahead for fast seeding
  key-pool status                           where the pool is and how many keys it holds
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from kiosk.commands.text import table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("admin", help="staff tools: database, demo data, cards, reports",
                                   description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clock", help="the current time, ISO 8601 (naive = JST); default: now")
    sub = parser.add_subparsers(dest="admin_command", metavar="ACTION", required=True)

    sub.add_parser("migrate", help="create or upgrade the schema").set_defaults(func=_migrate)
    seed = sub.add_parser("seed", help="write the demo data and issue the demo cards")
    seed.add_argument("--if-empty", action="store_true", help="do nothing if already seeded")
    seed.set_defaults(func=_seed)
    sub.add_parser("cards", help="list the card registry").set_defaults(func=_cards)
    residents = sub.add_parser("residents", help="list residents")
    residents.add_argument("--municipality", help="municipality code, e.g. 272191")
    residents.set_defaults(func=_residents)
    for name, text in (("suspend", "suspend a card (一時停止)"), ("resume", "lift a suspension"),
                       ("abolish", "abolish a card (廃止)"),
                       ("unlock-pin", "unlock the user-auth PIN (窓口)")):
        action = sub.add_parser(name, help=text)
        action.add_argument("card", help="card name, e.g. izumi-taro")
        action.set_defaults(func=_card_action, action=name)

    maintenance = sub.add_parser("maintenance", help="system maintenance days")
    msub = maintenance.add_subparsers(dest="maintenance_command", metavar="ACTION", required=True)
    for name in ("add", "remove"):
        m = msub.add_parser(name, help=f"{name} a maintenance day")
        m.add_argument("day", type=date.fromisoformat, help="YYYY-MM-DD")
        m.add_argument("--municipality", help="municipality code; default: nationwide")
        m.set_defaults(func=_maintenance, action=name)
    msub.add_parser("list", help="list maintenance days").set_defaults(func=_maintenance,
                                                                     action="list")
    sub.add_parser("expire-sessions", help="close idle unpaid sessions (their coins owed back)"
                   ).set_defaults(func=_expire)
    recover = sub.add_parser("recover", help="close what a kiosk left open; list what it owes")
    recover.add_argument("kiosk", help="kiosk id, e.g. seven-izumi-fuchu")
    recover.set_defaults(func=_recover)
    settle = sub.add_parser("settle-refund", help="an owed refund was paid by hand (返金済み)")
    settle.add_argument("session", help="the session id, or its first characters (report)")
    settle.set_defaults(func=_settle_refund)
    report = sub.add_parser("report", help="daily report per kiosk")
    report.add_argument("--kiosk", help="one kiosk id; default: all")
    report.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD; default: today")
    report.set_defaults(func=_report)
    registrations = sub.add_parser("registrations", help="本籍地 利用登録申請: list, approve, reject")
    rsub = registrations.add_subparsers(dest="registrations_command", metavar="ACTION",
                                        required=True)
    listing = rsub.add_parser("list", help="applications and registrations, oldest first")
    listing.add_argument("--status", choices=("pending", "approved", "rejected"))
    listing.set_defaults(func=_registrations, action="list")
    approve = rsub.add_parser("approve", help="approve a pending application")
    approve.add_argument("id", help="its 受付番号 (on the slip) or its id (in the list)")
    approve.add_argument("--force", action="store_true",
                         help="approve even though the 戸籍 check does not match")
    approve.set_defaults(func=_registrations, action="approve")
    reject = rsub.add_parser("reject", help="reject a pending application")
    reject.add_argument("id", help="its 受付番号 (on the slip) or its id (in the list)")
    reject.add_argument("--reason", required=True, help="why (kept with the application)")
    reject.set_defaults(func=_registrations, action="reject")

    from kiosk.commands.credentials import register_admin
    register_admin(sub)

    from backend.jpki.key_pool import DEFAULT_LOW_WATER, DEFAULT_SIZE
    pool = sub.add_parser("key-pool", help="RSA keys made ahead of time for fast seeding")
    psub = pool.add_subparsers(dest="pool_command", metavar="ACTION", required=True)
    fill = psub.add_parser("fill", help="make keys until the pool holds --size")
    fill.add_argument("--size", type=int, default=DEFAULT_SIZE,
                      help="keys to hold (default: %(default)s, about five seedings)")
    fill.add_argument("--if-below", type=int, metavar="M", nargs="?", const=DEFAULT_LOW_WATER,
                      help="do nothing while the pool holds at least M keys "
                      f"(M omitted: {DEFAULT_LOW_WATER}, more than one seeding takes)")
    fill.add_argument("--quiet", action="store_true", help="print only when keys are made")
    fill.set_defaults(func=_key_pool, action="fill")
    psub.add_parser("status", help="the pool's directory and size").set_defaults(
        func=_key_pool, action="status")


# --- plumbing --------------------------------------------------------------------------------

def _clock(args):
    from backend.clock import FixedClock, SystemClock, parse_clock
    return FixedClock(parse_clock(args.clock)) if args.clock else SystemClock()


def _database():
    """The configured database, brought to the current schema (a no-op when it is)."""
    from backend.config import database_url
    from backend.db import Database
    db = Database(database_url())
    db.migrate()
    return db


def _fail(exc) -> int:
    from kiosk.catalogue import reason_message
    message = reason_message(exc.reason)
    detail = f" ({exc.detail})" if exc.detail else ""
    print(f"{message.ja} / {message.en}{detail}", file=sys.stderr)
    return 1


# --- actions ---------------------------------------------------------------------------------

def _migrate(args) -> int:
    from backend.db import current_revision
    db = _database()
    print(f"schema at revision {current_revision(db.engine)} ({_safe_url(db.url)})")
    db.dispose()
    return 0


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)


def _seed(args) -> int:
    from backend.config import database_url, paths
    from backend.seed import seed_demo
    home = paths()
    result = seed_demo(home, _clock(args), database_url(), if_empty=args.if_empty)
    if result.skipped:
        print("already seeded: nothing done")
    else:
        print(f"seeded {result.municipalities} municipalities, {result.residents} residents, "
              f"{result.kiosks} kiosks, {result.cards} cards → {home.card_tray}")
    return 0


def _key_pool(args) -> int:
    import time

    from backend.jpki import key_pool
    directory = key_pool.pool_dir()
    if directory is None:
        print(f"the key pool is off ({key_pool.ENV}=off): keys are made when needed")
        return 0
    held = key_pool.count(directory)
    if args.action == "status":
        print(f"{held} keys in {directory}")
        return 0
    if args.if_below is not None and held >= args.if_below:
        if not args.quiet:
            print(f"{held} keys in {directory}: enough")
        return 0
    if args.quiet and held < args.size:
        print(f"making {args.size - held} RSA keys for fast demo seeding ({directory})…",
              file=sys.stderr, flush=True)
    start = time.monotonic()
    made = key_pool.fill(directory, args.size)
    if made or not args.quiet:
        # Quiet (set-up): on stderr, so that what a script prints on stdout stays its own.
        print(f"made {made} keys in {time.monotonic() - start:.1f} s: "
              f"{key_pool.count(directory)} in {directory}",
              file=sys.stderr if args.quiet else sys.stdout)
    return 0


def _cards(args) -> int:
    from backend.admin import list_cards
    rows = list_cards(_database())
    print(table(["card", "serial", "holder 氏名", "municipality", "status", "face", "card expires",
                 "cert expires"],
                [[r["card"], r["serial"], r["holder"], r["municipality"], r["status"],
                  "yes" if r["face_auth"] else "", r["expires"], r["certificate_expires"]]
                 for r in rows]))
    return 0


def _residents(args) -> int:
    from backend.admin import list_residents
    rows = list_residents(_database(), args.municipality)
    print(table(["id", "氏名 name", "カナ", "born", "municipality", "household", "続柄", "status",
                 "seal"],
                [[r["id"], r["name"], r["kana"], r["born"], r["municipality"], r["household"],
                  r["relation"], r["status"], "yes" if r["seal"] else ""] for r in rows]))
    return 0


def _card_action(args) -> int:
    from backend import admin
    from backend.reasons import ServiceError
    now = _clock(args).now()
    try:
        if args.action == "unlock-pin":
            from backend.config import paths
            from backend.jpki.card_image import unlock_user_auth_pin
            tries = unlock_user_auth_pin(paths(), args.card)
            print(f"{args.card}: user-auth PIN unlocked, {tries} tries left")
            return 0
        action = {"suspend": admin.suspend_card, "resume": admin.resume_card,
                  "abolish": admin.abolish_card}[args.action]
        status = action(_database(), args.card, now)
    except ServiceError as exc:
        return _fail(exc)
    print(f"{args.card}: {status}")
    return 0


def _maintenance(args) -> int:
    from backend import admin
    from backend.reasons import ServiceError
    db = _database()
    try:
        if args.action == "add":
            admin.add_maintenance_day(db, args.day, args.municipality)
            print(f"maintenance day added: {args.day} {args.municipality or 'nationwide'}")
        elif args.action == "remove":
            if not admin.remove_maintenance_day(db, args.day, args.municipality):
                print(f"no maintenance day {args.day} {args.municipality or 'nationwide'}",
                      file=sys.stderr)
                return 1
            print(f"maintenance day removed: {args.day} {args.municipality or 'nationwide'}")
        else:
            print(table(["day", "where", "note"],
                        [[d.isoformat(), where, note] for d, where, note in
                         admin.maintenance_days(db)]))
    except ServiceError as exc:
        return _fail(exc)
    return 0


def _expire(args) -> int:
    from backend.config import paths
    from backend.service import open_centre
    centre = open_centre(paths(), _clock(args))
    print(f"closed {centre.expire_sessions()} idle session(s)")
    return 0


def _recover(args) -> int:
    from backend.config import paths
    from backend.reasons import ServiceError
    from backend.service import open_centre
    centre = open_centre(paths(), _clock(args))
    try:
        owed = centre.recover(args.kiosk)
    except ServiceError as exc:
        return _fail(exc)
    print(f"{args.kiosk}: nothing left open; "
          + (f"owed back: {', '.join(f'{o.session_id[:12]} {o.yen}円' for o in owed)}"
             if owed else "nothing owed"))
    return 0


def _settle_refund(args) -> int:
    from backend.admin import owed_refund_list
    from backend.config import paths
    from backend.service import open_centre
    centre = open_centre(paths(), _clock(args))
    matches = [o for o in owed_refund_list(centre.db) if o.session_id.startswith(args.session)]
    if len(args.session) < 6 or len(matches) != 1:
        print(f"{len(matches)} owed refunds match {args.session!r}: give more of the session id",
              file=sys.stderr)
        return 1
    yen = centre.refund_paid(matches[0].session_id)
    print(f"settled {yen}円 for {matches[0].session_id} ({matches[0].kiosk_id})")
    return 0


# Short column heads for the report (the full names are in kiosk.catalogue).
REPORT_COLUMNS = {"juminhyo": "住民票", "inkan": "印鑑", "kazei": "課税", "koseki_zenbu": "戸籍全部",
                  "koseki_kojin": "戸籍個人", "fuhyo": "附票"}


def _report(args) -> int:
    from backend.admin import REPORT_ZONE, daily_report, owed_refund_list
    from backend.api import CertificateCode
    from backend.registrations import counts as registration_counts
    from backend.reasons import ServiceError
    day = args.date or _clock(args).now().date()
    try:
        rows = daily_report(_database(), day, args.kiosk)
    except ServiceError as exc:
        return _fail(exc)
    codes = list(CertificateCode)
    headers = (["kiosk 端末", "store 店舗", "sessions 利用"]
               + [REPORT_COLUMNS[c] for c in codes]
               + ["in 入金", "fees 手数料", "refunds 返金", "change 釣銭", "owed 未払い"])
    money = ("yen_in", "fees", "refunds", "change", "owed")
    body = [[r.kiosk_id, r.store, r.sessions] + [r.copies.get(c.value, 0) for c in codes]
            + [getattr(r, f) for f in money] for r in rows]
    if len(rows) > 1:
        body.append(["total 合計", "", sum(r.sessions for r in rows)]
                    + [sum(r.copies.get(c.value, 0) for r in rows) for c in codes]
                    + [sum(getattr(r, f) for r in rows) for f in money])
    print(f"daily report 日報 {day.isoformat()} (copies printed by certificate; yen)")
    print(table(headers, body))
    owed = owed_refund_list(_database(), args.kiosk)
    if owed:
        print("refunds owed, any day 未払いの返金 (the kiosk pays them at its next start; "
              "otherwise staff settle them):")
        print(table(["kiosk 端末", "session 取引", "yen 金額", "since 発生"],
                    [[o.kiosk_id, o.session_id[:12], o.yen, o.since.astimezone(REPORT_ZONE)
                      .strftime("%Y-%m-%d %H:%M")] for o in owed]))
    counts = registration_counts(_database(), _clock(args).now())
    print("registrations 利用登録申請, all days (`kiosk admin registrations list`):")
    print(table([f"{status} {REGISTRATION_STATUS[status]}" for status in counts],
                [list(counts.values())]))
    return 0


REGISTRATION_STATUS = {"pending": "審査中", "approved": "登録済", "rejected": "却下"}
# An automatic rejection names its reason code; staff read it as this.
REGISTRATION_REASON = {"registration_mismatch": "戸籍と不一致 (registration_mismatch)"}


def _registrations(args) -> int:
    from backend import registrations
    from backend.admin import REPORT_ZONE
    from backend.reasons import Reason, ServiceError
    now = _clock(args).now()
    db = _database()
    try:
        if args.action == "list":
            rows = registrations.list_registrations(db, now, args.status)
        elif args.action == "approve":
            rows = [registrations.approve(db, args.id, now, force=args.force)]
        else:
            rows = [registrations.reject(db, args.id, args.reason, now)]
    except ServiceError as exc:
        if exc.reason in (Reason.BAD_REQUEST, Reason.WRONG_STEP):
            print(exc.detail, file=sys.stderr)        # no such application, or decided already
            return 1
        status = _fail(exc)
        if exc.reason is Reason.REGISTRATION_MISMATCH:
            print("the 戸籍 has no such person under that 筆頭者; once staff have checked it, "
                  "--force approves it anyway", file=sys.stderr)
        return status
    if args.action != "list":
        r = rows[0]
        print(f"{r.receipt_no or r.id}: {r.status} {REGISTRATION_STATUS[r.status]} "
              f"({r.applicant}, {r.municipality})" + (f": {r.reason}" if r.reason else ""))
        return 0

    def when(at) -> str:
        return at.astimezone(REPORT_ZONE).strftime("%Y-%m-%d %H:%M") if at else ""

    print(table(["id", "受付番号 receipt", "applied 申請", "本籍地", "氏名 applicant",
                 "筆頭者 (entered)", "status 状態", "decides 審査", "check 照合", "reason 理由"],
                [[r.id, r.receipt_no, when(r.applied_at), r.municipality, r.applicant,
                  r.hittosha_kana, f"{r.status} {REGISTRATION_STATUS[r.status]}",
                  r.decided_by or (f"auto {r.due_on.isoformat()}" if r.due_on else "staff"),
                  {True: "ok", False: "no match", None: ""}[r.matches],
                  REGISTRATION_REASON.get(r.reason or "", r.reason or "")] for r in rows]))
    return 0
