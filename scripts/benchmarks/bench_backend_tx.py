"""Issuance transactions per second through the service, one kiosk, SQLite and PostgreSQL.

One transaction is a whole session as the kiosk drives it: begin → precheck → authenticate
(a real signature over the challenge, verified) → offerings → members → quote → three coins
→ settle → issue → report each copy → finish → close. Rendering is replaced by a stand-in
returning fixed bytes, so the figure is the centre's (ledger, locks, rules, crypto
verification); PDF speed is bench_pdf's. The register also holds 5,000 synthetic residents.
PostgreSQL is a throwaway cluster started by backend.testing.postgres, as in the tests.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, IssuedCopy
from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.jpki.card_image import load_card
from backend.seed import seed_demo
from backend.service import IssuanceCentre
from backend.synthetic import add_synthetic_residents

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
SYNTHETIC = 5_000
CARD = "izumi-taro"
REQUEST = IssuanceRequest(CertificateCode.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                          copies=2)


def _copies(db, *, issuance_id, request, **_) -> list[IssuedCopy]:
    return [IssuedCopy(n, f"{issuance_id}-{n}", b"%PDF-stand-in")
            for n in range(1, request.copies + 1)]


def _receipt(data) -> bytes:
    return b"%PDF-stand-in"


def _transaction(centre: IssuanceCentre, cert: bytes, key) -> None:
    start = centre.begin_session("seven-izumi-fuchu")
    sid = start.session_id
    centre.precheck_card(sid, cert)
    centre.authenticate(sid, cert, key.sign(start.challenge, padding.PKCS1v15(), hashes.SHA256()))
    centre.offerings(sid, "residence")
    centre.members(sid)
    centre.quote(sid, REQUEST)
    for seq, yen in enumerate((100, 100, 500), start=1):
        centre.insert_coin(sid, seq, yen)
    centre.settle(sid)
    for copy in centre.issue(sid).copies:
        centre.report_copy(sid, copy.copy_no, True)
    centre.finish(sid)
    centre.close(sid)


def measure(label: str, paths: Paths, url: str) -> dict:
    clock = FixedClock(DEMO_NOW)
    seed_demo(paths, clock, url)
    database = Database(url)
    add_synthetic_residents(database, SYNTHETIC, seed=1)
    centre = IssuanceCentre(paths, clock, database, render_copies=_copies,
                            render_receipt=_receipt)
    image = load_card(paths.card_tray, CARD)
    key = serialization.load_pem_private_key(image.user_auth.private_key_pem, None)
    cert = image.user_auth.certificate
    _transaction(centre, cert, key)   # warm-up (CA load, statement caches)
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < SECONDS:
        _transaction(centre, cert, key)
        done += 1
    centre.close_database()
    return {"name": f"backend_tx_{label}", "transactions": done,
            "seconds": round(elapsed, 2), "tx_per_s": round(done / elapsed, 1),
            "calls_per_tx": 15, "rendering": "stand-in", "synthetic_residents": SYNTHETIC}


def run() -> list[dict]:
    from backend.testing.postgres import PostgresCluster

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-backend-") as tmp:
        home = Paths(Path(tmp) / "sqlite")
        rows.append(measure("sqlite", home, f"sqlite:///{home.database_file}"))
        with PostgresCluster() as cluster:
            url = cluster.create_database("bench")
            rows.append(measure("postgres", Paths(Path(tmp) / "postgres"), url))
    rows.append({"name": "backend_tx_postgres_vs_sqlite",
                 "ratio": round(rows[1]["tx_per_s"] / rows[0]["tx_per_s"], 2)})
    return rows
