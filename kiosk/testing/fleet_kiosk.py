"""One kiosk of the fleet soak (`kiosk.testing.soak_fleet`): the real `Terminal` over
`RemoteCentre` with its own credential, simulated devices, and a person playing each visit
(来庁者の一回の利用) by what the screen asks, as the app's buttons would.

The 2023 incidents, as a visit can be planned (`Visit`):
- Kawasaki (同時発行): two kiosks of a pair issue for two people at once; their
  `begin_session`, `authenticate` and `issue` calls wait for each other (`PairedCentre`),
  so both land in the same instant.
- Yokohama (印刷遅延): the printer takes `slow_seconds` a page; while each page prints the
  kiosk's clock moves past its idle and prompt limits and it ticks, and staff sweep the
  centre's idle sessions with the centre's clock past its idle limit (`sweep`). Then the
  person gives up: the kiosk's own timers end the session. The kiosk's next visit is always
  someone else.
- Killed (強制終了): the kiosk process stops mid-session — after ⑤, mid-payment, the moment
  copy 1 is out and noted, or on ⑬ — and its thread abandons the terminal; the kiosk starts
  again on its home (journals, output tray) with new devices, and its start-up pays what the
  session owes. The dead coin vendor's counters are kept for the physical conservation.

Every page printed during a visit is taken (by the person, or by staff after a walk-away)
and read back: its text (PDFium), the names after 氏名 and its 発行番号; a sample of the copies
the fleet prints also goes through `kiosk verify`'s check of the signed record on its back page.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from backend.api import CertificateCode, IssuanceKind, Scope
from backend.clock import FixedClock
from backend.config import Paths
from backend.demo_data import DEMO_NOW, card, pin
from backend.reasons import Reason
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.devices import Devices
from kiosk.devices.coins import SimulatedCoinVendor
from kiosk.devices.print_journal import PrintJournal
from kiosk.devices.printer import SimulatedPrinter
from kiosk.devices.speaker import SimulatedSpeaker
from kiosk.flow import Event, State
from kiosk.remote.client import RemoteCentre
from kiosk.remote.retry import RetryPolicy
from kiosk.scenario.checks import pdf_text, squash
from kiosk.terminal import Terminal

#: Where a kiosk can be killed (the screen it shows then).
KILL_AT = (State.CERTIFICATE, State.PAYMENT, State.PRINTING, State.TAKE_AWAY)
# The calls a Kawasaki pair makes together: from the first (two people walk up at once, no
# session idles while its partner catches up) to ⑫'s.
MEET_AT = ("begin_session", "authenticate", "issue")
MEET_TIMEOUT = 120.0
COINS = (100, 100, 500, 1000)             # what people pay with (change comes back)
MAX_STEPS = 80
_NAMES = re.compile(r"氏名(.+?)生年月日")
_NUMBER = re.compile(r"発行番号([A-Za-z0-9-]{1,48})")
_PDFIUM = threading.Lock()                # PDFium is not thread-safe


class Killed(BaseException):
    """The kiosk process stops here (no job catches it: it is no Exception)."""


def holder_name(card_name: str) -> str:
    """The name a card's holder has on a certificate (氏名, as compared: without spaces)."""
    resident = card(card_name)[1]
    return squash(resident.family_name + resident.given_name)


@dataclass(frozen=True)
class Visit:
    card: str
    copies: int
    coins: tuple[int, ...]                   # tried in turn until the fee is paid
    meet: threading.Barrier | None = None    # Kawasaki: the pair's rendezvous
    slow: bool = False                       # Yokohama: the printer slower than every timeout
    kill_at: State | None = None             # killed on this screen


@dataclass(frozen=True)
class ReadBack:
    """One printed page set as read back, and whose session printed it."""

    session_id: str | None
    card: str
    document_ids: tuple[str, ...]
    names: tuple[str, ...]


@dataclass
class VisitOutcome:
    session_id: str | None = None
    refused: Reason | None = None            # the session ended on a message (swept, busy…)
    issued_at: float | None = None           # when its `issue` left (Kawasaki pairs)
    killed: bool = False


class PairedCentre(RemoteCentre):
    """`RemoteCentre` whose calls of MEET_AT wait for the partner kiosk's when a
    Kawasaki visit sets `meet`; a partner that does not come within MEET_TIMEOUT breaks the
    barrier and each goes on alone."""

    meet: threading.Barrier | None = None
    issued_at: float | None = None

    def _call(self, name: str, **args):
        if self.meet is not None and name in MEET_AT:
            try:
                self.meet.wait(MEET_TIMEOUT)
            except threading.BrokenBarrierError:
                pass
            if name == "issue":
                self.issued_at = time.perf_counter()
        return super()._call(name, **args)


class SoakPrinter(SimulatedPrinter):
    """The simulated printer; `while_printing` runs after each page (while it is slow)."""

    while_printing: Callable[[], None] | None = None

    def print_copy(self, pdf: bytes) -> Path:
        page = super().print_copy(pdf)
        if self.while_printing is not None:
            self.while_printing()
        return page


class FatalJournal(PrintJournal):
    """The print journal of a kiosk that dies the moment copy `die_after` is noted."""

    die_after: int | None = None

    def printed(self, copy_no: int) -> None:
        super().printed(copy_no)
        if copy_no == self.die_after:
            raise Killed(f"killed with copy {copy_no} out")


@dataclass
class FleetKiosk:
    """One kiosk: its home (credential, cards, journals, output), the terminal it runs now,
    and every coin vendor it has had (a restart brings new devices)."""

    home: Path
    urls: Sequence[str]
    sweep: Callable[[str], int]              # staff: sweep idle sessions past this one's limit
    verifier: Verifier | None = None         # where every copy is offered, for a sample
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    slow_seconds: float = 2.0
    vendors: list[SimulatedCoinVendor] = field(default_factory=list)
    copies: list[ReadBack] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)   # how sessions ended on a message
    restarts: int = 0
    current_card: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.paths = Paths(self.home)
        self.terminal = self.boot()

    @property
    def kiosk_id(self) -> str:
        return self.terminal.kiosk_id

    def boot(self) -> Terminal:
        """The kiosk process starts: new devices, its start-up (recover) done."""
        devices = Devices(SimulatedCoinVendor(), SoakPrinter(self.paths.output_tray),
                          SimulatedSpeaker(audio=False))
        self.vendors.append(devices.coins)       # type: ignore[arg-type]
        centre = PairedCentre(self.urls, self.home, policy=self.policy)
        t = Terminal(centre, InProcessReader(self.paths.card_tray), devices,
                     FixedClock(DEMO_NOW), centre.kiosk_id, self.paths)
        t.cashier.journal = FatalJournal(t.cashier.journal.path)
        t.start()
        t.drain()
        if not t.recovered or t.cashier.unpaid or t.cashier.refunds.unreported():
            self.errors.append(f"{centre.kiosk_id}: the start-up left something owed")
        t.take("change")                         # what the start-up paid out: its person's
        return t

    def restart(self) -> None:
        """The process died: what came out is taken, the terminal abandoned, a new one started."""
        dead = self.terminal
        self._take_pages(dead, dead.flow.context.session_id, self.current_card)
        dead.take("change")
        close = getattr(dead.centre, "close_database", None)
        if close is not None:
            close()                              # its connections drop with it
        self.restarts += 1
        self.terminal = self.boot()

    # --- a visit ------------------------------------------------------------------------------

    def play(self, visit: Visit) -> VisitOutcome:
        """One person's visit, start to end (or to the kiosk's death and restart)."""
        t, outcome = self.terminal, VisitOutcome()
        self.current_card = visit.card
        centre = t.centre
        assert isinstance(centre, PairedCentre)
        centre.meet, centre.issued_at = visit.meet, None
        printer = t.devices.printer
        assert isinstance(printer, SoakPrinter) and isinstance(t.cashier.journal, FatalJournal)
        printer.while_printing = self._timers_run_out(t) if visit.slow else None
        printer.seconds_per_page = self.slow_seconds if visit.slow else 0.0
        t.cashier.journal.die_after = 1 if visit.kill_at == State.PRINTING else None
        if t.paused() is Reason.CHANGE_LOW:
            t.refill_coins()                      # staff refill before anyone starts
        try:
            self._steps(t, visit, outcome)
        except Killed:
            outcome.killed = True
            self.restart()
            return outcome
        finally:
            outcome.issued_at = centre.issued_at
            centre.meet = None
        self._take_pages(t, outcome.session_id, visit.card)
        t.take("change")
        for slip in t.take("receipt"):
            slip.unlink(missing_ok=True)
        if t.reader.present():
            t.remove_card()
        return outcome

    def _steps(self, t: Terminal, visit: Visit, outcome: VisitOutcome) -> None:
        coins = iter(visit.coins * 8)
        started = False
        for _ in range(MAX_STEPS):
            state = t.view.state
            outcome.session_id = outcome.session_id or t.flow.context.session_id
            if state == State.TOP and started:
                return
            if state == visit.kill_at and state != State.PRINTING:
                if state == State.TAKE_AWAY:
                    self._take_pages(t, outcome.session_id, visit.card)
                if state != State.PAYMENT or t.devices.coins.inserted_yen:
                    raise Killed(state.value)
            started = True
            self._act(t, state, visit, coins, outcome)
        self.errors.append(f"{t.kiosk_id}: stuck on {t.view.state.value}")
        raise Killed("stuck")                     # staff restart it

    def _act(self, t: Terminal, state: State, visit: Visit, coins, outcome: VisitOutcome) -> None:
        if state == State.PAYMENT:
            t.insert_coin(next(coins))
            t.drain()
            return
        if state == State.PLACE_CARD:
            t.place_card(visit.card)
        elif state == State.REMOVE_CARD:
            t.remove_card()
        elif state == State.PIN:
            t.send(Event.PIN_SUBMITTED, secret=pin(visit.card))
        elif visit.slow and state in (State.TAKE_AWAY, State.RECEIPT):
            t.clock.advance(t.idle_seconds + 1)   # type: ignore[attr-defined]
            t.tick()                              # gave up waiting: the kiosk's timers end it
        elif state == State.MESSAGE:
            outcome.refused = t.view.context.message
            self.refusals[outcome.refused.value if outcome.refused else "none"] += 1
            t.send(Event.ACKNOWLEDGED)
        else:
            event, payload = self._answer(state, visit)
            t.send(event, **payload)
        t.drain()

    @staticmethod
    def _answer(state: State, visit: Visit) -> tuple[Event, dict]:
        answers: dict[State, tuple[Event, dict]] = {
            State.TOP: (Event.START, {}), State.TERMS: (Event.AGREE, {}),
            State.SERVICE_MENU: (Event.CHOOSE_SERVICE, {}),
            State.MUNICIPALITY: (Event.SCOPE_CHOSEN, {"scope": Scope.RESIDENCE}),
            State.CERTIFICATE: (Event.CERTIFICATE_CHOSEN,
                                {"certificate": CertificateCode.RESIDENT_RECORD}),
            State.ISSUANCE_KIND: (Event.KIND_CHOSEN, {"kind": IssuanceKind.SELF}),
            State.FIELDS: (Event.FIELDS_CHOSEN, {"fields": frozenset()}),
            State.COPIES: (Event.COPIES_CHOSEN, {"copies": visit.copies}),
            State.CONFIRM: (Event.CONFIRMED, {}),
            State.PRINT_FAULT: (Event.ACKNOWLEDGED, {}),
            State.TAKE_AWAY: (Event.VOICE_STOPPED, {}),
            State.RECEIPT: (Event.DONE, {}), State.REFUND: (Event.DONE, {}),
            State.IDLE_PROMPT: (Event.CONTINUE, {}),
            State.CONFIRM_QUIT: (Event.QUIT_CONFIRMED, {}),
        }
        return answers.get(state, (Event.TIMEOUT, {}))

    def _timers_run_out(self, t: Terminal) -> Callable[[], None]:
        """After each slow page: the kiosk's clock past its idle and prompt limits (it ticks:
        nothing may end a session while it prints), and staff sweep the centre's idle
        sessions with its clock past the idle limit of this session's last call."""
        def page_done() -> None:
            t.clock.advance(t.idle_seconds + t.prompt_seconds + 1)   # type: ignore[attr-defined]
            t.tick()
            sid = t.flow.context.session_id
            if sid is not None:
                self.sweep(sid)
        return page_done

    # --- reading back ---------------------------------------------------------------------------

    def _take_pages(self, t: Terminal, session_id: str | None, card_name: str) -> None:
        """Every certificate in the tray came out during this visit: taken and read back."""
        for page in t.take("certificates"):
            self.copies.append(self.read_back(page, session_id, card_name))
            page.unlink(missing_ok=True)         # the person took it home

    def read_back(self, page: Path, session_id: str | None, card_name: str) -> ReadBack:
        with _PDFIUM:
            flat = squash(pdf_text(page))
        copy = ReadBack(session_id, card_name, tuple(sorted(set(_NUMBER.findall(flat)))),
                        tuple(_NAMES.findall(flat)))
        if self.verifier is not None:
            self.verifier.offer(copy.document_ids, page)
        return copy


class Verifier:
    """`kiosk verify`'s check — the signed record on the back page, its signature, the front
    drawn again from it and compared — for every `every`-th copy the fleet prints (0: none),
    one at a time on a thread of its own (the desk samples are sent to), so that no kiosk
    waits for it and no check runs out of time for want of a core. `close()` waits for the
    last; `verdicts` then holds each copy's."""

    def __init__(self, keys: Path, every: int, seconds: float = 120.0) -> None:
        from certificates_templates.pdf_guard import LIMITS

        self.keys, self.every, self.limits = keys, every, replace(LIMITS, seconds=seconds)
        self.verdicts: list[tuple[tuple[str, ...], str]] = []
        self._offered, self._lock = 0, threading.Lock()
        self._queue: queue.Queue[tuple[tuple[str, ...], bytes] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def offer(self, document_ids: tuple[str, ...], page: Path) -> None:
        """A copy read back: sent to the check if it is the sample's next."""
        with self._lock:
            self._offered += 1
            sampled = self.every > 0 and self._offered % self.every == 1 % self.every
        if sampled:
            self._queue.put((document_ids, page.read_bytes()))

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _work(self) -> None:
        from backend.document_keys import load_published_key
        from certificates_templates.verification import verify_pdf

        while (item := self._queue.get()) is not None:
            document_ids, pdf = item
            result = verify_pdf(pdf, lambda code: load_published_key(self.keys, code),
                                self.limits)
            verdict = result.verdict.value
            if result.refusal:
                verdict += f" ({result.refusal.value})"
            elif result.payload and result.payload.document_id not in document_ids:
                verdict += f" but signed for {result.payload.document_id}"   # another copy's
            self.verdicts.append((document_ids, verdict))


__all__ = ["FleetKiosk", "Killed", "PairedCentre", "ReadBack", "Verifier", "Visit", "VisitOutcome",
           "holder_name"]
