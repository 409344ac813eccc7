"""`scripts/bench card_auth`: the kiosk's card exchange (select the JPKI AP, read the ~1.3 KB
user-auth certificate, query the PIN counter, VERIFY, COMPUTE DIGITAL SIGNATURE), in-process
and over PC/SC (pyscard → pcscd → vpcd → the same virtual card).

Over PC/SC the anchor is the stack's own limit: the very APDUs of one kiosk exchange (recorded
from it), sent by a bare loop of pyscard's `SCardTransmit` to the same vpcd card on the same
connection. The two are timed in alternation, round by round, so the machine's drift weighs
on both alike.

Targets: in-process ≤ 10 ms per exchange; the kiosk's PC/SC exchange ≤ 1.2× the bare loop.
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
from kiosk.card.virtual.inprocess import InProcessReader

ROUNDS = 60
WARM_UP = 5
IN_PROCESS_TARGET_MS = 10.0
PCSC_RATIO_TARGET = 1.2


def exchange_ms(transport) -> float:
    start = time.perf_counter()
    read = read_card(transport)
    signature = sign_challenge(transport, SAMPLE_PIN, b"benchmark challenge")
    elapsed = (time.perf_counter() - start) * 1000
    assert read.pin_tries_left == 3 and len(signature) == 256
    return elapsed


def figures(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 3),
            "p90_ms": round(statistics.quantiles(times, n=10)[-1], 3), "rounds": len(times)}


def measure(transport) -> dict:
    for _ in range(WARM_UP):
        exchange_ms(transport)
    times = [exchange_ms(transport) for _ in range(ROUNDS)]
    return {**figures(times), "cert_bytes": len(read_card(transport).certificate_der)}


class Recorder:
    """A transport that notes every APDU the kiosk's exchange sends through it."""

    def __init__(self, transport) -> None:
        self.transport, self.apdus = transport, []

    def transmit(self, apdu: bytes):
        self.apdus.append(bytes(apdu))
        return self.transport.transmit(apdu)


def bare_loop_ms(card: int, protocol: int, apdus: list[list[int]]) -> float:
    """The same APDUs by pyscard's SCardTransmit alone: no client code, no parsing."""
    from smartcard import scard

    start = time.perf_counter()
    for apdu in apdus:
        hresult, answer = scard.SCardTransmit(card, protocol, apdu)
        if hresult != scard.SCARD_S_SUCCESS or answer[-2:] not in ([0x90, 0x00], [0x63, 0xC3]):
            raise RuntimeError(f"bare transmit failed: {hresult:#x} {answer[-2:]}")
    return (time.perf_counter() - start) * 1000


def measure_against_bare(transport) -> tuple[dict, dict]:
    """(the kiosk's exchange, the bare loop), timed alternately on one connection."""
    recorder = Recorder(transport)
    exchange_ms(recorder)
    apdus = [list(a) for a in recorder.apdus]
    card, protocol = transport.handle
    for _ in range(WARM_UP):
        exchange_ms(transport)
        bare_loop_ms(card, protocol, apdus)
    kiosk, bare = [], []
    for _ in range(ROUNDS):
        kiosk.append(exchange_ms(transport))
        bare.append(bare_loop_ms(card, protocol, apdus))
    return ({**figures(kiosk), "apdus": len(apdus),
             "cert_bytes": len(read_card(transport).certificate_der)},
            {**figures(bare), "apdus": len(apdus)})


def in_process(home: Paths) -> dict:
    reader = InProcessReader(home.card_tray)
    reader.place("bench")
    return measure(reader.connect())


def over_pcsc(home: Paths) -> tuple[dict, dict]:
    from kiosk.card.pcsc import PcscReader
    from kiosk.card.pcscd import ensure_pcscd
    from kiosk.card.virtual.card import VirtualCard
    from kiosk.card.virtual.vpcd import VpcdLink, vpcd_reader_name

    with ensure_pcscd() as daemon, PcscReader(vpcd_reader_name()) as reader:
        with VpcdLink(VirtualCard(load_card(home.card_tray, "bench"))):
            if not reader.wait_for_card(15):
                raise RuntimeError("the card did not appear in the vpcd reader")
            kiosk, bare = measure_against_bare(reader.connect())
        kiosk["pcscd"] = "started for the benchmark" if daemon.started_here else "already running"
        reader.wait_for_removal(15)
    return kiosk, bare


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-card-") as tmp:
        home = Paths(Path(tmp)).ensure()
        issue_card(home, sample_spec("bench"), datetime.now(JST))
        local = in_process(home)
        rows = [{"name": "card_auth_inprocess", **local, "value": local["median_ms"],
                 "target": IN_PROCESS_TARGET_MS,
                 "ok": local["median_ms"] <= IN_PROCESS_TARGET_MS}]
        try:
            pcsc, bare = over_pcsc(home)
        except Exception as exc:  # report, don't hide: the row says why PC/SC was not measured
            rows.append({"name": "card_auth_pcsc", "error": f"{exc.__class__.__name__}: {exc}",
                         "target": PCSC_RATIO_TARGET, "ok": False})
            return rows
        ratio = pcsc["median_ms"] / bare["median_ms"]
        rows.append({"name": "card_auth_pcsc_bare_loop", **bare})
        rows.append({"name": "card_auth_pcsc", **pcsc, "ratio": round(ratio, 2),
                     "anchor": "card_auth_pcsc_bare_loop",
                     "vs_inprocess": round(pcsc["median_ms"] / local["median_ms"], 2),
                     "target": PCSC_RATIO_TARGET, "ok": ratio <= PCSC_RATIO_TARGET})
    return rows
