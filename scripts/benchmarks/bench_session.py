"""`scripts/bench session`: the 001 walkthrough as a headless scenario, 50 times, against the
same 50 sessions made directly through the backend service and the card client (no UI).

A kiosk serves one customer after another, and the walkthrough starts and ends at the top
screen: so the 50 UI sessions run back to back in one running app, and the 50 direct sessions
on one opened centre. Each side gets its own fresh copy of the seeded demo data, and the copy,
the app start and the centre's opening happen once, before the clock starts (one untimed
warm-up session on each side: imports, fonts, templates, first screens).

Per session both sides do the same kiosk work: leaflet 001's 住民票の写し ×2 for izumi-taro
(card read, PIN, quote, 4 × 100 yen, issue, print both copies, receipt, close) with the real
backend, card and PDFs; the UI side plays the scenario's own steps through the screens and
also checks its expectations (visible text, the printed PDF's text) and writes its transcript.
Targets (issue 6): ≥ 5 sessions/s through the UI, and UI time ≤ 3 × the direct time,
measured in the same run.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SESSIONS = 50
WALKTHROUGH = ROOT / "scripts" / "scenarios" / "001-walkthrough.yaml"
TARGET_RATE = 5.0
TARGET_RATIO = 3.0


def _ui_sessions(scenario, template: Path, out: Path, n: int) -> list[float]:
    """`n` timed walkthroughs (after one untimed) in one running app."""
    from backend.config import Paths
    from kiosk.scenario.driver import play_sessions
    from kiosk.scenario.runner import fresh_home
    from kiosk.scenario.transcript import Transcript

    transcript = Transcript(out / "ui")
    try:
        with fresh_home(template) as home:
            times = asyncio.run(play_sessions(scenario, Paths(home), transcript, n + 1))
    finally:
        transcript.close()
    return times[1:]


def _direct_sessions(scenario, template: Path, n: int) -> list[float]:
    """The same sessions without the UI: service calls and APDUs in the app's order, on one
    centre (opened once, like the app's)."""
    from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, Scope
    from backend.config import Paths
    from backend.service import open_centre
    from kiosk.card.auth import read_card, sign_challenge
    from kiosk.card.inprocess import InProcessReader
    from kiosk.devices.printer import SimulatedPrinter
    from kiosk.scenario.driver import make_clock
    from kiosk.scenario.runner import fresh_home, sqlite_url

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

        session()                             # warm-up: imports, fonts, templates
        times = _timed(session, n)
        centre.close_database()
    return times


def _timed(fn, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def run(sessions: int = SESSIONS) -> list[dict]:
    from kiosk.scenario.model import load_scenario
    from kiosk.scenario.runner import seeded_template

    scenario = load_scenario(WALKTHROUGH)
    with seeded_template() as template, tempfile.TemporaryDirectory() as out:
        direct = _direct_sessions(scenario, template, sessions)
        ui = _ui_sessions(scenario, template, Path(out), sessions)
    ui_total, direct_total = sum(ui), sum(direct)
    rate = sessions / ui_total
    ratio = ui_total / direct_total
    return [
        {"name": "session_rate", "sessions": sessions, "seconds": round(ui_total, 2),
         "sessions_per_s": round(rate, 2), "median_s": round(statistics.median(ui), 3),
         "target": f">= {TARGET_RATE:g}/s", "ok": rate >= TARGET_RATE},
        {"name": "session_ui_vs_direct", "ui_s": round(ui_total, 2),
         "direct_s": round(direct_total, 2),
         "direct_sessions_per_s": round(sessions / direct_total, 2),
         "ratio": round(ratio, 2), "target": f"<= {TARGET_RATIO:g}", "ok": ratio <= TARGET_RATIO},
    ]


if __name__ == "__main__":
    import json

    n = int(sys.argv[1]) if len(sys.argv) > 1 else SESSIONS
    for row in run(n):
        print(json.dumps(row, ensure_ascii=False))
