"""`scripts/bench card_auth`: the kiosk's card exchange (select the JPKI AP, read the ~1.3 KB
user-auth certificate, query the PIN counter, VERIFY, COMPUTE DIGITAL SIGNATURE), in-process
and over PC/SC (pyscard → pcscd → vpcd → the same virtual card).

Targets: in-process ≤ 10 ms per exchange; PC/SC ≤ 5× in-process (measured in the same run).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from backend.clock import JST
from backend.config import Paths
from backend.jpki.card_image import load_card
from backend.jpki.issuer import issue_card
from backend.jpki.samples import SAMPLE_PIN, sample_spec
from kiosk.card.auth import read_card, sign_challenge
from kiosk.card.inprocess import InProcessReader

ROUNDS = 60
WARM_UP = 5
IN_PROCESS_TARGET_MS = 10.0
PCSC_RATIO_TARGET = 5.0


def exchange_ms(transport) -> float:
    start = time.perf_counter()
    read = read_card(transport)
    signature = sign_challenge(transport, SAMPLE_PIN, b"benchmark challenge")
    elapsed = (time.perf_counter() - start) * 1000
    assert read.pin_tries_left == 3 and len(signature) == 256
    return elapsed


def measure(transport) -> dict:
    for _ in range(WARM_UP):
        exchange_ms(transport)
    times = [exchange_ms(transport) for _ in range(ROUNDS)]
    return {"median_ms": round(statistics.median(times), 3),
            "p90_ms": round(statistics.quantiles(times, n=10)[-1], 3), "rounds": ROUNDS,
            "cert_bytes": len(read_card(transport).certificate_der)}


def in_process(home: Paths) -> dict:
    reader = InProcessReader(home.card_tray)
    reader.place("bench")
    return measure(reader.connect())


def over_pcsc(home: Paths) -> dict:
    from kiosk.card.pcsc import PcscReader
    from kiosk.card.pcscd import ensure_pcscd
    from kiosk.card.virtual_card import VirtualCard
    from kiosk.card.vpcd import VpcdLink, vpcd_reader_name

    with ensure_pcscd() as daemon, PcscReader(vpcd_reader_name()) as reader:
        with VpcdLink(VirtualCard(load_card(home.card_tray, "bench"))):
            if not reader.wait_for_card(15):
                raise RuntimeError("the card did not appear in the vpcd reader")
            result = measure(reader.connect())
        result["pcscd"] = "started for the benchmark" if daemon.started_here else "already running"
        reader.wait_for_removal(15)
    return result


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-card-") as tmp:
        home = Paths(Path(tmp)).ensure()
        issue_card(home, sample_spec("bench"), datetime.now(JST))
        local = in_process(home)
        rows = [{"name": "card_auth_inprocess", **local, "value": local["median_ms"],
                 "target": IN_PROCESS_TARGET_MS,
                 "ok": local["median_ms"] <= IN_PROCESS_TARGET_MS}]
        try:
            pcsc = over_pcsc(home)
        except Exception as exc:  # report, don't hide: the row says why PC/SC was not measured
            rows.append({"name": "card_auth_pcsc", "error": f"{exc.__class__.__name__}: {exc}",
                         "target": PCSC_RATIO_TARGET, "ok": False})
            return rows
        ratio = pcsc["median_ms"] / local["median_ms"]
        rows.append({"name": "card_auth_pcsc", **pcsc, "ratio": round(ratio, 2),
                     "target": PCSC_RATIO_TARGET, "ok": ratio <= PCSC_RATIO_TARGET})
    return rows
