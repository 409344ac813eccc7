"""`scripts/soak --fleet [--sessions N] [--kiosks K] [--seed S] [--verify-every V]`: the fleet
soak (端末群の耐久試験) — K kiosks at once against `kiosk centre serve --workers 2` on a
throwaway PostgreSQL, N sessions between them with REAL certificate rendering, and the 2023
incidents among them (`kiosk.testing.fleet_kiosk`): Kawasaki pairs issuing for two people in
the same instant, Yokohama printers slower than every timeout followed by the next person,
and kiosks killed mid-session and started again. One JSON line at the end; exit 1 unless ok.

Checked once every kiosk has started once more (closing time, then opening: its start-up
pays anything still owed):
- paper: every certificate that came out was read back (its text: the names after 氏名 and
  its 発行番号); it names its session's card holder and no one else, and the ledger has that
  発行番号 printed, for that session and that holder; as many came out as the ledger says
  were printed; the first and every V-th copy the fleet prints also pass `kiosk verify`'s
  check of the signed record on its back page (on a desk of its own: no kiosk waits).
- money: both conservations of the money-safety rule (`kiosk.testing.conservation`, as the
  reliability harness checks them), over every session and every coin vendor any kiosk had;
  no refund still owed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import threading
from collections import Counter
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from backend.admin import ledger_balance
from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.ledger import Issuance, IssuedCopyRecord, KioskSession
from backend.models import Card
from kiosk.flow import State
from kiosk.testing.conservation import money_violations
from kiosk.testing.fleet import add_fleet_kiosks, issue_fleet_credentials
from kiosk.testing.fleet_kiosk import (COINS, KILL_AT, FleetKiosk, ReadBack, Verifier, Visit,
                                      VisitOutcome, holder_name)

#: People with a card whose 住民票 (本人) any kiosk issues; two households share surnames.
CARDS = ("izumi-taro", "izumi-hanako", "izumi-nguyen", "tomakomai-yoko", "tomakomai-omori",
         "arakawa-haruto", "arakawa-mei")


@dataclass(frozen=True)
class SoakPlan:
    sessions: int = 1000
    kiosks: int = 16
    seed: int = 0
    pair_rate: float = 0.1        # a pair's round is a Kawasaki one
    slow_rate: float = 0.01       # a visit's printer is slower than every timeout
    kill_rate: float = 0.02       # a visit's kiosk is killed mid-session
    slow_seconds: float = 2.0     # a page, when slow
    verify_every: int = 200       # every V-th copy the fleet prints: `kiosk verify`'s check
    workers: int = 2


@dataclass
class SoakRun:
    plan: SoakPlan
    kiosks: list[FleetKiosk]
    outcomes: list[tuple[Visit, VisitOutcome]] = field(default_factory=list)
    verdicts: list[tuple[tuple[str, ...], str]] = field(default_factory=list)   # kiosk verify's
    seconds: float = 0.0              # from the first visit to the last one's end
    tail_seconds: float = 0.0         # then: the start-ups again, the last verifications
    swept: int = 0


class StaffSweep:
    """Staff sweep the centre's idle sessions (`kiosk admin` expire) with the centre's clock
    just past the idle limit of a session's last call: what that session would have lost to
    a timeout, had it not been paid, goes now."""

    def __init__(self, centre_home: Paths, url: str) -> None:
        from backend.service import IssuanceCentre

        self.clock, self.db = FixedClock(DEMO_NOW), Database(url)
        self.centre = IssuanceCentre(centre_home, self.clock, self.db)
        self.lock, self.swept = threading.Lock(), 0

    def __call__(self, session_id: str) -> int:
        with self.lock:
            with self.db.unit() as s:
                row = s.get(KioskSession, session_id)
                expires = row.expires_at if row is not None else None
            if expires is None:
                return 0
            self.clock.set(expires + timedelta(seconds=0.5))
            swept = self.centre.expire_sessions()
            self.swept += swept
            return swept


def plan_visits(plan: SoakPlan) -> list[list[Visit]]:
    """Each kiosk's visits. The first rounds hold each incident at least once: round 1 is a
    Kawasaki one for kiosks 0 and 1, kiosk 0's round 2 is slow, kiosk 1 is killed on each
    screen of KILL_AT in rounds 2 to 5 (as many as there are); then the rates decide."""
    rng = random.Random(plan.seed)
    counts = [plan.sessions // plan.kiosks + (k < plan.sessions % plan.kiosks)
              for k in range(plan.kiosks)]
    visits: list[list[Visit]] = [[] for _ in range(plan.kiosks)]
    last: list[str | None] = [None] * plan.kiosks
    kills = iter(KILL_AT * plan.sessions)

    def person(k: int, *, besides: str | None = None) -> str:
        name = rng.choice([c for c in CARDS if c not in (last[k], besides)])
        last[k] = name                    # the next person on this kiosk is someone else
        return name

    def visit(k: int, name: str, **how) -> Visit:
        copies = rng.randint(1, 3)
        coins = tuple(rng.choice(COINS) for _ in range(6))
        if how.get("kill_at") == State.PRINTING:
            copies = max(2, copies)           # mid-print: one out, one not
        if how.get("kill_at") == State.PAYMENT:
            coins = (100,)                    # mid-payment: one coin in, not yet enough
        return Visit(name, copies, coins, **how)

    def forced(k: int, r: int) -> bool:
        return (r == 1 and k < 2) or (r == 2 and k == 0) or (k == 1 and 2 <= r < 2 + len(KILL_AT))

    for r in range(max(counts)):
        for k in range(0, plan.kiosks - 1, 2):
            both = counts[k] > r and counts[k + 1] > r
            calm = r == 0 or all(v[r - 1].kill_at is None and not v[r - 1].slow
                                 for v in (visits[k], visits[k + 1]))
            chosen = (r == 1 and k == 0) or (
                rng.random() < plan.pair_rate and not (forced(k, r) or forced(k + 1, r)))
            if both and calm and chosen:
                meet = threading.Barrier(2)
                a = person(k)
                visits[k].append(visit(k, a, meet=meet))
                visits[k + 1].append(visit(k + 1, person(k + 1, besides=a), meet=meet))
        for k in range(plan.kiosks):
            if len(visits[k]) > r or counts[k] <= r:
                continue
            if k == 1 and 2 <= r < 2 + len(KILL_AT):
                visits[k].append(visit(k, person(k), kill_at=KILL_AT[r - 2]))
            elif (r == 2 and k == 0) or rng.random() < plan.slow_rate:
                visits[k].append(visit(k, person(k), slow=True))
            elif rng.random() < plan.kill_rate:
                visits[k].append(visit(k, person(k), kill_at=next(kills)))
            else:
                visits[k].append(visit(k, person(k)))
    return visits


def prepare(where: Path, cluster, plan: SoakPlan) -> tuple[Paths, str, list[Path]]:
    """The seeded centre home, its database URL, and a kiosk home per kiosk (its credential
    and the card tray)."""
    from backend.seed import seed_demo

    centre_home = Paths(where / "centre").ensure()
    url = cluster.create_database(f"soak_fleet_{plan.seed}")
    seed_demo(centre_home, FixedClock(DEMO_NOW), url)
    ids = add_fleet_kiosks(url, plan.kiosks)
    homes = issue_fleet_credentials(centre_home, ids, where / "kiosks")
    for home in homes:
        shutil.copytree(centre_home.card_tray, Paths(home).card_tray)
    return centre_home, url, homes


def play(plan: SoakPlan, centre_home: Paths, url: str, homes: list[Path], server_url: str
         ) -> SoakRun:
    """Every kiosk plays its visits on a thread of its own; then each starts once more."""
    sweep, verifier = StaffSweep(centre_home, url), Verifier(centre_home.keys, plan.verify_every)
    kiosks = [FleetKiosk(home, (server_url,), sweep, verifier=verifier,
                         slow_seconds=plan.slow_seconds)
              for home in homes]
    run, lock = SoakRun(plan, kiosks), threading.Lock()

    def drive(kiosk: FleetKiosk, visits: list[Visit]) -> None:
        for visit in visits:
            try:
                outcome = kiosk.play(visit)
            except Exception as exc:          # reported; staff restart the kiosk
                kiosk.errors.append(f"{kiosk.kiosk_id}: {type(exc).__name__}: {exc}"[:300])
                outcome = VisitOutcome()
                kiosk.restart()
            with lock:
                run.outcomes.append((visit, outcome))

    threads = [threading.Thread(target=drive, args=(kiosk, visits), daemon=True)
               for kiosk, visits in zip(kiosks, plan_visits(plan), strict=True)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    for kiosk in kiosks:                      # closing time, then opening: start-ups again
        kiosk.terminal.shutdown()
        kiosk.terminal = kiosk.boot()
        kiosk.terminal.shutdown()
    run.swept = sweep.swept
    sweep.db.dispose()
    verifier.close()
    run.verdicts = verifier.verdicts
    run.tail_seconds = time.perf_counter() - started - run.seconds
    return run


@dataclass
class Audit:
    printed: int = 0                  # copies the ledger has as printed
    read_back: int = 0
    verified: int = 0
    another_person: int = 0
    yen_in: int = 0
    yen_out: int = 0
    yen_lost: int = 0
    owed: int = 0
    violations: list[str] = field(default_factory=list)


def audit(url: str, run: SoakRun) -> Audit:
    """The paper and money checks over everything the kiosks did (see the module's doc)."""
    found, database, kiosks = Audit(), Database(url), run.kiosks
    ids = [k.kiosk_id for k in kiosks]
    try:
        with database.unit() as s:
            sessions = list(s.scalars(select(KioskSession.id).where(
                KioskSession.kiosk_id.in_(ids))))
            records = {doc: (status, sid, resident) for doc, status, sid, resident in s.execute(
                select(IssuedCopyRecord.document_id, IssuedCopyRecord.status,
                       Issuance.session_id, Issuance.resident_id)
                .join(Issuance, IssuedCopyRecord.issuance_id == Issuance.id)
                .where(Issuance.kiosk_id.in_(ids)))}
            residents = {name: resident for name, resident in s.execute(
                select(Card.card_name, Card.resident_id))}
        vendors = [v for k in kiosks for v in k.vendors]
        found.violations, found.yen_in, found.yen_out, _ = money_violations(
            database, sessions, vendors, "fleet")
        total = ledger_balance(database)
    finally:
        database.dispose()
    copies = [c for k in kiosks for c in k.copies]
    for copy in copies:
        if not bears_its_holder(copy, records, residents):
            found.another_person += 1
            found.violations.append(f"a certificate for {copy.card} (session {copy.session_id})"
                                    f" bears {copy.names} / {copy.document_ids}")
    for document_ids, verdict in run.verdicts:
        if verdict != "genuine":
            found.violations.append(f"{document_ids}: kiosk verify says {verdict}")
    found.read_back, found.verified = len(copies), sum(v == "genuine" for _, v in run.verdicts)
    found.printed = sum(1 for status, _, _ in records.values() if status == "printed")
    if found.printed != found.read_back:
        found.violations.append(f"{found.read_back} certificates came out, the ledger has "
                                f"{found.printed} printed")
    found.owed = total.owed
    found.yen_lost = found.yen_in - total.fees_printed - found.yen_out - total.owed
    return found


def bears_its_holder(copy: ReadBack, records: dict[str, tuple[str, str, int]],
                     residents: dict[str, int]) -> bool:
    """The copy names its session's card holder alone, and the ledger has its 発行番号
    printed in that session for that holder."""
    if copy.names != (holder_name(copy.card),) or len(copy.document_ids) != 1:
        return False
    status, session_id, resident = records.get(copy.document_ids[0], ("", "", -1))
    return (status == "printed" and session_id == copy.session_id
            and resident == residents.get(copy.card))


def report(run: SoakRun, found: Audit, audit_seconds: float) -> dict:
    kiosks = run.kiosks
    gaps: dict[int, list[float]] = {}
    for visit, outcome in run.outcomes:
        if visit.meet is not None and outcome.issued_at is not None:
            gaps.setdefault(id(visit.meet), []).append(outcome.issued_at)
    pairs = [max(t) - min(t) for t in gaps.values() if len(t) == 2]
    errors = [e for k in kiosks for e in k.errors]
    owed_left = found.owed + sum(sum(k.terminal.cashier.unpaid.values())
                                 + sum(k.terminal.cashier.refunds.unreported().values())
                                 for k in kiosks)
    refusals = sum((k.refusals for k in kiosks), Counter())
    ok = not (found.violations or errors or found.another_person or found.yen_lost or owed_left)
    line = {"name": "soak_fleet", "database": "postgresql", "rendering": "real",
            "sessions": len(run.outcomes), "kiosks": len(kiosks),
            "seconds": round(run.seconds, 1),
            "sessions_per_s": round(len(run.outcomes) / max(run.seconds, 1e-9), 2),
            "certificates_printed": found.printed, "certificates_read_back": found.read_back,
            "certificates_verified": found.verified,
            "certificates_bearing_another_person": found.another_person,
            "yen_in": found.yen_in, "yen_out": found.yen_out, "yen_lost": found.yen_lost,
            "kiosks_killed": sum(o.killed for _, o in run.outcomes),
            "owed_refunds_left": owed_left,
            "kawasaki_pairs": len(pairs),
            "kawasaki_pairs_within_1s": sum(gap < 1.0 for gap in pairs),
            "kawasaki_max_gap_ms": round(1000 * max(pairs, default=0.0), 1),
            "yokohama_slow_sessions": sum(v.slow for v, _ in run.outcomes),
            "swept_by_staff": run.swept, "refusals": refusals, "errors": len(errors),
            "violations": len(found.violations),
            "audit_seconds": round(run.tail_seconds + audit_seconds, 1),
            "ok": ok}
    if found.violations or errors:
        line["first_problems"] = (found.violations + errors)[:5]
    return line


def soak_fleet(cluster, where: Path, plan: SoakPlan) -> tuple[dict, SoakRun, str]:
    """The whole soak on `cluster`: prepared, played against a served centre, audited.
    Returns the JSON line's fields, the run, and the database URL (to audit again)."""
    from kiosk.testing.centre_server import CentreServer

    centre_home, url, homes = prepare(where, cluster, plan)
    with CentreServer(centre_home.home, database_url=url, workers=plan.workers).running() as server:
        run = play(plan, centre_home, url, homes, server.url)
    started = time.perf_counter()
    found = audit(url, run)
    return report(run, found, time.perf_counter() - started), run, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/soak --fleet", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = SoakPlan()
    parser.add_argument("--sessions", type=int, default=defaults.sessions)
    parser.add_argument("--kiosks", type=int, default=defaults.kiosks)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--verify-every", type=int, default=defaults.verify_every,
                        help="every V-th copy the fleet prints through kiosk verify (0: none)")
    parser.add_argument("--slow-seconds", type=float, default=defaults.slow_seconds)
    args = parser.parse_args(argv)
    if args.kiosks < 2 or args.sessions < args.kiosks:
        parser.error("at least 2 kiosks, and a session for each")
    plan = SoakPlan(sessions=args.sessions, kiosks=args.kiosks, seed=args.seed,
                    verify_every=args.verify_every, slow_seconds=args.slow_seconds)
    from backend.testing.postgres import PostgresCluster
    from kiosk.testing.pgbench import allow_connections

    with tempfile.TemporaryDirectory(prefix="kiosk-soak-fleet-") as tmp, \
            PostgresCluster() as cluster:
        allow_connections(cluster)
        line, _, _ = soak_fleet(cluster, Path(tmp), plan)
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0 if line["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
