"""The two sides of `scripts/bench session`, each run in worker processes of its own.

A worker copies the seeded demo data, opens its kiosk (the app, or the centre and the card
reader alone), plays one untimed warm-up session (imports, fonts, templates, first screens),
then waits at the start barrier with the other workers and plays its share of the timed
sessions back to back, as one kiosk serves one customer after another.

Per session both sides do the same kiosk work: leaflet 001's 住民票の写し ×2 for izumi-taro
(card read, PIN, quote, 4 × 100 yen, issue, print both copies, receipt, close) with the real
backend, card and PDFs. The UI side plays the scenario's own steps through the screens and
also checks its expectations (visible text, the printed PDF's text) and writes its
transcript; the direct side makes the service calls and APDUs in the app's order.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WALKTHROUGH = ROOT / "scripts" / "scenarios" / "001-walkthrough.yaml"


def run_worker(side: str, template: Path, out: Path, count: int, barrier, results) -> None:
    """A worker process: `side` is "ui" or "direct". Whatever fails is reported to the parent
    (and the barrier broken, so that no other worker waits for this one)."""
    try:
        results.put((ui_sessions if side == "ui" else direct_sessions)(template, out, count, _Span(barrier)))
    except BaseException as exc:
        barrier.abort()
        results.put({"error": f"{side} worker: {type(exc).__name__}: {exc}"})


def ui_sessions(template: Path, out: Path, count: int, clock: _Span) -> dict:
    from backend.config import Paths
    from kiosk.commands.run import freeze_heap
    from kiosk.scenario.harness import fresh_home
    from kiosk.scenario.model import load_scenario
    from kiosk.scenario.play import play_sessions
    from kiosk.scenario.transcript import Transcript

    scenario = load_scenario(WALKTHROUGH)
    transcript = Transcript(out)
    try:
        with fresh_home(template) as home:
            times = asyncio.run(play_sessions(scenario, Paths(home), transcript, count,
                                              warm_up=1, ready=lambda: (freeze_heap(), clock.start())))
    finally:
        transcript.close()
    return clock.report(times)


def direct_sessions(template: Path, out: Path, count: int, clock: _Span) -> dict:
    from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, Scope
    from backend.config import Paths
    from backend.service import open_centre
    from kiosk.card.auth import read_card, sign_challenge
    from kiosk.card.virtual.inprocess import InProcessReader
    from kiosk.devices.printer import SimulatedPrinter
    from kiosk.scenario.harness import fresh_home, make_clock, sqlite_url
    from kiosk.scenario.model import load_scenario

    scenario = load_scenario(WALKTHROUGH)
    kiosk_id = scenario.kiosk
    with fresh_home(template) as home:
        paths = Paths(home)
        centre = open_centre(paths, make_clock(scenario), sqlite_url(paths))
        centre.kiosk(kiosk_id)
        reader = InProcessReader(paths.card_tray)
        printer = SimulatedPrinter(paths.output_tray)

        def session() -> None:
            start = centre.begin_session(kiosk_id)
            sid = start.session_id
            reader.place("izumi-taro")
            card = read_card(reader.connect())
            centre.precheck_card(sid, card.certificate_der)
            signature = sign_challenge(reader.connect(), "1234", start.challenge)
            reader.remove()
            centre.authenticate(sid, card.certificate_der, signature)
            centre.offerings(sid, Scope.RESIDENCE)
            request = IssuanceRequest(CertificateCode.RESIDENT_RECORD, Scope.RESIDENCE,
                                      IssuanceKind.HOUSEHOLD_ALL, copies=2)
            centre.quote(sid, request)
            for seq in range(1, 5):
                centre.insert_coin(sid, seq, 100)
            centre.settle(sid)
            result = centre.issue(sid)
            printer.begin_job()
            for copy in result.copies:
                printer.print_copy(copy.pdf)
                centre.report_copy(sid, copy.copy_no, True)
            receipt = centre.finish(sid)
            printer.print_receipt(receipt.pdf)
            centre.close(sid)
            printer.take()                    # the customer takes the certificates and receipt

        session()                             # warm-up
        clock.start()
        times = []
        for _ in range(count):
            t0 = time.perf_counter()
            session()
            times.append(time.perf_counter() - t0)
        centre.close_database()
    return clock.report(times)


class _Span:
    """When this worker's timed part began (all workers leave the barrier together) and
    ended, on the machine-wide monotonic clock, so the parent can take the overall span."""

    def __init__(self, barrier) -> None:
        self.barrier = barrier
        self.began = 0.0

    def start(self) -> None:
        self.barrier.wait()
        self.began = time.monotonic()

    def report(self, times: list[float]) -> dict:
        return {"began": self.began, "ended": time.monotonic(), "times": times}
