"""The kiosk terminal: a Textual shell around the pure flow (`kiosk.flow`).

Screens render the flow's state and post `Send` messages; `KioskApp.send` moves the flow and
carries out the effects it returns. Backend and card calls run one at a time on a worker
(off the event loop, in a thread), and their outcomes come back as flow events, so the UI
never blocks and the order of coins in the ledger is the order they went in.

Hooks for tests and the scenario runner:
- `app.flow.state` (a `State`; its value is the screen's `SCREEN_ID`), `app.flow.context`;
- `app.reader` (`place(name)`, `remove()`, `present()`), `app.devices.coins.insert(yen)`,
  `.take_change()`, `app.devices.printer.take()`, `.set_fault("jam", after=1)`;
- `app.tick()` checks the idle timer, the reader and the reminder now (after moving a
  FixedClock, say); `app.settled` / `await app.wait_settled()`: no work pending and the
  screen shown is the flow's state.
Staff keys (not shown anywhere): F9 card tray, F12 staff panel (then Q shuts down).
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from backend.api import IssuanceService, SessionStart
from backend.clock import Clock
from backend.config import Paths
from backend.reasons import Reason, ServiceError
from kiosk.app.messages import CoinInserted, ReaderChanged, Send
from kiosk.app.screens import SCREENS, KioskScreen
from kiosk.app.screens.base import rendered_text
from kiosk.app.screens.idle_prompt import IdlePromptScreen
from kiosk.app.screens.payment import PaymentScreen
from kiosk.app.screens.staff import CardTrayScreen, StaffScreen
from kiosk.app.screens.take_away import TakeAwayScreen
from kiosk.app.screens.top import TopScreen
from kiosk.app.textual_internals import handling, paint_now, unpainted
from kiosk.card.errors import CardError
from kiosk.catalogue import Msg, msg, reason_message, text
from kiosk.devices import Devices
from kiosk.devices.coins import CoinOutcome
from kiosk.flow import Effect, Event, Flow, FlowError, Refusal, State
from kiosk.terminal.cashier import Cashier

Outcomes = Iterable[tuple[Event, dict[str, Any]]]
_heap_frozen = False
CARD_STATES = (State.PLACE_CARD, State.MUNICIPALITY, State.PIN, State.REMOVE_CARD)


class ObservedReader:
    """The card reader, telling the app when a card is placed or taken (the demo tray and
    scripts act on it; a PC/SC reader is polled on each tick instead)."""

    def __init__(self, reader: Any, changed: Callable[[], None]) -> None:
        self.inner = reader
        self._changed = changed
        self.generation = 0          # bumps on each placement or removal seen
        self._was_present = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def present(self) -> bool:
        present = bool(self.inner.present())
        if present != self._was_present:
            self._was_present = present
            self.generation += 1
        return present

    def place(self, card_name: str) -> None:
        self._act(self.inner.place, card_name)

    def insert(self, chip: Any, name: str) -> None:
        self._act(self.inner.insert, chip, name)

    def remove(self) -> None:
        self._act(self.inner.remove)

    def _act(self, action: Callable[..., None], *args: Any) -> None:
        action(*args)
        self.generation += 1
        self._changed()


class KioskApp(App[int], inherit_bindings=False):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("f9", "card_tray", show=False, priority=True, system=True),
        Binding("f12", "staff", show=False, priority=True, system=True),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(self, centre: IssuanceService | Callable[[], IssuanceService], reader: Any,
                 devices: Devices, clock: Clock,
                 kiosk_id: str, paths: Paths, *, lang: str = "ja", idle_seconds: float = 60.0,
                 prompt_seconds: float = 20.0, tick_seconds: float = 0.25,
                 exit_when_started: bool = False, paint_frames: bool = True) -> None:
        super().__init__()
        # `centre` may be the service or a factory for it: a factory is called on the job
        # thread the first time the centre is needed, so the first screen does not wait for it.
        self._centre: IssuanceService | None = None
        self._open_centre: Callable[[], IssuanceService] | None = None
        if callable(centre) and not hasattr(centre, "begin_session"):
            self._open_centre = centre
        else:
            self._centre = cast(IssuanceService, centre)    # not a factory: the service itself
        self.reader = ObservedReader(reader, self._reader_changed)
        self.devices = devices
        self.clock = clock
        self.kiosk_id = kiosk_id
        self.paths = paths
        self.lang = lang
        self.idle_seconds = idle_seconds
        self.prompt_seconds = prompt_seconds
        self.tick_seconds = tick_seconds
        self.exit_when_started = exit_when_started
        # False: frames are not composed for a terminal (headless scenario runs read the
        # screen on demand with `visible_text`).
        self.paint_frames = paint_frames
        self.flow = Flow()
        self.first_screen_at: float | None = None      # wall clock, for `scripts/bench startup`
        self.store_name = ""
        self.errors: list[BaseException] = []        # unexpected failures (shown as SYSTEM_ERROR)
        self.cashier = Cashier(lambda: self.centre, devices,
                               paths.home / "journal" / f"print-{kiosk_id}.json",
                               self._device_error)
        self._jobs: asyncio.Queue[tuple[Callable[[], Outcomes | None], str]] | None = None
        self._pending = 0
        self._progress = asyncio.Event()     # set whenever a job or a screen change finishes
        self._shown: State | None = None
        self._screens: dict[State, KioskScreen] = {}    # each step's screen, kept (see `_show`)
        self._stale: set[KioskScreen] = set()           # to drop once off the stack
        self._last_activity: datetime = clock.now()
        self._read_generation = -1
        self._session: SessionStart | None = None
        self._certificate_der: bytes | None = None
        self._coin_seq = 0
        devices.coins.subscribe(lambda outcome: self.post_message(CoinInserted(outcome)))

    @property
    def centre(self) -> IssuanceService:
        if self._centre is None:
            assert self._open_centre is not None        # set whenever `_centre` is not
            self._centre = self._open_centre()
        return self._centre

    # ------------------------------------------------------------ life cycle
    def on_mount(self) -> None:
        self._jobs = asyncio.Queue()
        self.run_worker(self._run_jobs(), name="jobs", group="jobs")
        self._job(self._load_kiosk, "kiosk")
        self._show(State.TOP)
        self.set_interval(self.tick_seconds, self.tick, name="tick")

    async def on_unmount(self) -> None:
        # Shut down mid-session: the money goes back and the session is closed all the same.
        sid = self.flow.context.session_id
        if sid is not None:
            await asyncio.to_thread(self.cashier.close, sid, self.flow.context.receipt is not None)
        self.flow.reset()
        close_database = getattr(self._centre, "close_database", None)
        if close_database is not None:
            close_database()

    def _load_kiosk(self) -> Outcomes | None:
        info = self.centre.kiosk(self.kiosk_id)
        self.store_name = info.store_name
        # What this kiosk left unfinished when it last stopped (a crash, a power cut) is
        # closed now, and every refund it still owes is paid out into the return tray.
        self.cashier.recover(self.kiosk_id)
        self.call_from_thread(self._update_view)
        return None

    def _device_error(self, exc: BaseException, what: str) -> None:
        """A device or a call failed where the kiosk carries on: kept, and logged."""
        self.errors.append(exc)
        self.log.error(f"{what}: {exc!r}")

    def paused(self) -> Reason | None:
        """Why no session may start now (休止): a faulted printer or coin vendor."""
        return self.devices.printer.status or self.devices.coins.fault

    # ------------------------------------------------------------ settling (tests, scripts)
    def _busy(self) -> bool:
        """Work under way: a job, a screen change, a message not yet handled."""
        if self._pending or (self._jobs is not None and not self._jobs.empty()):
            return True
        return handling(self) or any(map(handling, self.screen.walk_children(with_self=True)))

    @property
    def settled(self) -> bool:
        """Nothing under way, the screen painted, and it is the flow's state."""
        if self._busy() or unpainted(self.screen):
            return False
        return self._shown == self.flow.state and getattr(self.screen, "SCREEN_ID", None) in (
            self.flow.state.value, "card_tray", "staff")

    async def wait_settled(self, timeout: float = 10.0) -> None:
        """Wait until `settled`; TimeoutError after `timeout`. While a job or a screen change
        is under way this sleeps until one of them finishes (the job's thread gets the CPU);
        otherwise it lets the message pumps run and looks again."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        spins = 0
        while not self.settled:
            left = deadline - loop.time()
            if left < 0:
                raise TimeoutError(f"kiosk not settled: state={self.flow.state.value} "
                                   f"shown={self._shown} pending={self._pending}")
            if self._pending:
                self._progress.clear()
                try:
                    await asyncio.wait_for(self._progress.wait(), min(left, 0.05))
                except TimeoutError:
                    pass
                continue
            if not self._busy() and unpainted(self.screen):
                paint_now(self.screen)
            spins += 1
            await asyncio.sleep(0 if spins < 50 else 0.001)

    @property
    def screen_id(self) -> str:
        return getattr(self.screen, "SCREEN_ID", "")

    def visible_text(self) -> str:
        """What the terminal shows now, line by line (trailing spaces trimmed)."""
        screen = self.screen
        return screen.screen_text() if isinstance(screen, KioskScreen) else rendered_text(screen)

    # ------------------------------------------------------------ input
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)) and not event.is_forwarded:
            self.touch()
        await super().on_event(event)

    def touch(self) -> None:
        """Someone is there: the idle timer starts again."""
        self._last_activity = self.clock.now()

    @on(Send)
    def _on_send(self, message: Send) -> None:
        message.stop()
        self.touch()
        self.send(message.event, secret=message.secret, **message.payload)

    def send(self, event: Event, *, secret: str | None = None, **payload: Any):
        """Move the flow; carry out its effects; show the new step. Returns the Transition,
        or None when the flow refused (the screen says why) or the event does not apply."""
        try:
            t = self.flow.send(event, **payload)
        except Refusal as refusal:
            if isinstance(self.screen, KioskScreen):
                self.screen.refused(refusal.reason)
            return None
        except FlowError:
            return None
        self.touch()
        for effect in t.effects:
            self._perform(effect, secret)
        if t.target != t.source:
            self._show(t.target)
        else:
            self._update_view()
        if t.target in CARD_STATES:
            self._card_check()
        return t

    # ------------------------------------------------------------ showing
    def _show(self, state: State) -> None:
        self._pending += 1

        async def switch() -> None:
            try:
                if state != self.flow.state:
                    return                      # a later transition will show its own screen
                if state == State.IDLE_PROMPT:
                    # over the step, so that what was being typed is still there after 続ける
                    await self.push_screen(await self._screen_for(state))
                elif (len(self.screen_stack) > 2 and isinstance(self.screen, IdlePromptScreen)
                      and getattr(self.screen_stack[-2], "SCREEN_ID", None) == state.value):
                    await self.pop_screen()
                else:
                    while len(self.screen_stack) > 2:     # prompts and staff panels
                        await self.pop_screen()
                    screen = await self._screen_for(state)
                    if len(self.screen_stack) > 1:
                        await self.switch_screen(screen)
                    else:
                        await self.push_screen(screen)
                self._shown = state
                self._drop_screens(self._stale)
                if self.first_screen_at is None:
                    self.first_screen_at = time.time()
                    if self.exit_when_started:
                        self.call_after_refresh(self.exit, 0)
            finally:
                self._done_one()

        self.call_later(switch)

    async def _screen_for(self, state: State) -> KioskScreen:
        """The step's screen: built the first time, then kept and brought up to date."""
        screen = self._screens.get(state)
        if screen is None:
            screen = self._screens[state] = SCREENS[state]()
            screen.reset_input()        # what is typed starts from the context, as on a visit
            self.install_screen(screen, f"step-{state.value}")
        elif screen.is_mounted:
            await screen.shown()
        return screen

    def _forget_screens(self) -> None:
        """The session is over: what was typed goes from every kept screen, and the screens
        that showed the holder's data go altogether (built afresh next time)."""
        for screen in self._screens.values():
            screen.reset_input()
            if screen.holds_personal_data():
                self._stale.add(screen)
        self._drop_screens(self._stale)

    def _drop_screens(self, screens: set[KioskScreen]) -> None:
        for screen in list(screens):
            if screen in self.screen_stack:
                continue                  # still showing: dropped once replaced
            screens.discard(screen)
            self._screens = {k: v for k, v in self._screens.items() if v is not screen}
            self.uninstall_screen(screen)
            if screen.is_attached:
                self.call_later(screen.remove)

    def _update_view(self) -> None:
        self._pending += 1

        async def update() -> None:
            try:
                screen = self.screen
                if isinstance(screen, KioskScreen) and screen.SCREEN_ID == self.flow.state.value:
                    await screen.update_view()
            finally:
                self._done_one()

        self.call_later(update)

    def switch_language(self) -> None:
        self.lang = "en" if self.lang == "ja" else "ja"
        self._shown = None
        self._show(self.flow.state)     # kept screens see the language changed and rebuild

    def action_card_tray(self) -> None:
        # Only a demo tray can be handled from here; a PC/SC reader takes real (virtual) cards.
        if not isinstance(self.screen, ModalScreen) and hasattr(self.reader.inner, "place"):
            self.push_screen(CardTrayScreen())

    def action_staff(self) -> None:
        if not isinstance(self.screen, ModalScreen):
            self.push_screen(StaffScreen())

    # ------------------------------------------------------------ the clock
    def tick(self) -> None:
        """Periodic (and callable directly): card presence, the reminder, the idle timer."""
        if not self.screen_stack:
            return                # the app is shutting down: the interval may fire once more
        now = self.clock.now()
        self._card_check()        # a PC/SC reader changes without telling: poll it
        if self.devices.speaker.due(now):
            self.bell()
        if self.devices.speaker.repeating and isinstance(self.screen, TakeAwayScreen):
            self.screen.flash()
        if isinstance(self.screen, TopScreen):
            self.screen.show_reminders()
        state = self.flow.state
        limit = self.prompt_seconds if state == State.IDLE_PROMPT else self.idle_seconds
        if (self._pending == 0 and self.flow.accepts(Event.TIMEOUT)
                and (now - self._last_activity).total_seconds() >= limit):
            self.send(Event.TIMEOUT)

    # ------------------------------------------------------------ devices
    def _reader_changed(self) -> None:
        self.post_message(ReaderChanged())

    @on(ReaderChanged)
    def _on_reader_changed(self) -> None:
        self.touch()
        self._card_check()
        if isinstance(self.screen, TopScreen):
            self.screen.show_reminders()

    def _card_check(self) -> None:
        state, ctx = self.flow.state, self.flow.context
        present = self.reader.present()
        if state == State.PLACE_CARD:
            if (present and ctx.session_id and not ctx.busy
                    and self._read_generation != self.reader.generation):
                self._read_generation = self.reader.generation
                self.send(Event.CARD_PLACED)
        elif state in CARD_STATES and not present and not ctx.busy:
            self.send(Event.CARD_LIFTED)

    @on(CoinInserted)
    def _on_coin(self, message: CoinInserted) -> None:
        self.touch()
        outcome: CoinOutcome = message.outcome
        if self.flow.state == State.IDLE_PROMPT:
            self.send(Event.CONTINUE)
        if not outcome.accepted:
            if isinstance(self.screen, PaymentScreen):
                self.screen.coin_returned(outcome.coin)
            return
        sid = self.flow.context.session_id
        self._coin_seq += 1
        seq, yen = self._coin_seq, int(outcome.coin)

        def record() -> Outcomes:
            payment = self.centre.insert_coin(_opened(sid), seq, yen)
            return [(Event.COIN_RECORDED, {"payment": payment})]

        self._job(record, "insert_coin")

    def take(self, what: str) -> list:
        """A person takes something: "certificates", "receipt", "change" or "card".
        Returns what was taken (paths, coins, or the card's name)."""
        if what == "certificates":
            taken: list = self.devices.printer.take("certificate")
        elif what == "receipt":
            taken = self.devices.printer.take("receipt")
        elif what == "change":
            taken = self.devices.coins.take_change()
        elif what == "card":
            name = getattr(self.reader.inner, "placed_name", None)
            taken = [name] if self.reader.present() else []
            self.reader.remove()
        else:
            raise ValueError(f"nothing called {what!r} to take: certificates, receipt, change, card")
        if isinstance(self.screen, TopScreen):
            self.screen.show_reminders()
        return taken

    def reminders(self) -> list[Msg]:
        """What a person left behind: the card, money in the return tray, printouts."""
        out = []
        if self.reader.present():
            out.append(msg("remind_card"))
        money = sum(c for c in self.devices.coins.change_tray if isinstance(c, int))
        if self.devices.coins.change_tray:
            out.append(msg("remind_change", yen=f"{money:,}"))
        if self.devices.printer.tray:
            out.append(msg("remind_prints"))
        if self.cashier.unpaid:
            out.append(reason_message(Reason.REFUND_NOT_PAID))
        return out

    # ------------------------------------------------------------ effects
    def _perform(self, effect: Effect, secret: str | None) -> None:
        ctx = self.flow.context
        sid = ctx.session_id
        if effect == Effect.BEGIN_SESSION:
            self._job(self._begin, "begin_session")
        elif effect == Effect.READ_CARD:
            self._job(lambda: self._read_card(sid), "read_card")
        elif effect == Effect.AUTHENTICATE:
            scope = ctx.scope
            self._job(lambda: self._authenticate(sid, secret or "", scope), "authenticate")
        elif effect == Effect.LOAD_MEMBERS:
            self._job(lambda: [(Event.MEMBERS_LOADED,
                                {"members": self.centre.members(_opened(sid))})], "members")
        elif effect == Effect.QUOTE:
            request = ctx.request()
            self._job(lambda: [(Event.QUOTED, {"quote": self.centre.quote(_opened(sid), request)})],
                      "quote")
        elif effect == Effect.OPEN_COINS:
            self.devices.coins.open(ctx.total_yen)
        elif effect == Effect.CLOSE_COINS:
            self.devices.coins.close()
        elif effect == Effect.SETTLE:
            self._job(lambda: self._settle(_opened(sid)), "settle")
        elif effect == Effect.ISSUE_AND_PRINT:
            self._job(lambda: self._issue_and_print(_opened(sid)), "issue")
        elif effect == Effect.START_REMINDER:
            self.devices.speaker.start_repeating(text("take_away_voice", self.lang), self.clock.now(),
                                                 self.lang)
            self.bell()
        elif effect == Effect.STOP_REMINDER:
            self.devices.speaker.stop()
        elif effect == Effect.FINISH:
            self._job(lambda: self._finish(_opened(sid)), "finish")
        elif effect == Effect.END_SESSION:
            self._end_session()

    def _begin(self) -> Outcomes:
        paused = self.paused()    # checked before any money can be taken
        if paused:
            raise ServiceError(Reason.SERVICE_PAUSED, str(paused))
        start = self.centre.begin_session(self.kiosk_id)
        self._session = start
        return [(Event.SESSION_OPENED, {"session_id": start.session_id})]

    def _read_card(self, sid: str | None) -> Outcomes:
        from kiosk.card.auth import read_card

        transport = self.reader.connect()
        card = read_card(transport)
        self.centre.precheck_card(_opened(sid), card.certificate_der)
        if card.pin_tries_left == 0:
            raise CardError(Reason.PIN_LOCKED, 0)
        self._certificate_der = card.certificate_der
        return [(Event.CARD_ACCEPTED, {})]

    def _authenticate(self, sid: str | None, pin: str, scope) -> Outcomes:
        from kiosk.card.auth import sign_challenge

        assert self._session is not None and self._certificate_der is not None
        try:
            signature = sign_challenge(self.reader.connect(), pin, self._session.challenge)
        except CardError as exc:
            if exc.reason == Reason.PIN_WRONG and exc.tries_left != 0:
                return [(Event.PIN_WRONG, {"tries_left": exc.tries_left})]
            if exc.reason == Reason.PIN_WRONG:
                raise CardError(Reason.PIN_LOCKED, 0) from exc
            raise
        finally:
            del pin
        holder = self.centre.authenticate(_opened(sid), self._certificate_der, signature)
        offerings = self.centre.offerings(_opened(sid), scope)
        return [(Event.AUTHENTICATED, {"holder": holder, "offerings": tuple(offerings)})]

    def _settle(self, sid: str) -> Outcomes:
        payment = self.centre.settle(sid)
        self.devices.coins.settle(payment.change_yen)
        return [(Event.PAID, {"payment": payment})]

    def _issue_and_print(self, sid: str) -> Outcomes:
        def progress(printed: int, total: int) -> None:
            self.call_from_thread(self.send, Event.PRINT_PROGRESS, printed=printed, total=total)

        printed, total, fault = self.cashier.print_job(sid, progress)
        if fault is not None:
            return [(Event.PRINT_FAULT, {"reason": fault, "printed": printed, "total": total})]
        return [(Event.PRINTED, {"printed": printed, "total": total})]

    def _finish(self, sid: str) -> Outcomes:
        return [(Event.RECEIPT_READY, {"receipt": self.cashier.finish(sid)})]

    def _end_session(self) -> None:
        """Completed, cancelled or timed out: forget everything now; refund and close behind."""
        ctx = self.flow.context
        sid, finished = ctx.session_id, ctx.receipt is not None
        self.flow.reset()
        self._forget_screens()
        _freeze_heap_once()
        self._session = None
        self._certificate_der = None
        self._coin_seq = 0
        self.devices.coins.close()
        self.devices.speaker.stop()
        if sid is None and not self.devices.coins.inserted_yen:
            return

        def close() -> None:
            self.cashier.close(sid, finished)
            reminders = self.reminders()
            if reminders:
                self.devices.speaker.say(reminders[0].get(self.lang), self.lang)
            self.call_from_thread(self._update_view)     # the top screen shows them
            return None

        self._job(close, "close")

    def _done_one(self) -> None:
        self._pending -= 1
        self._progress.set()

    # ------------------------------------------------------------ the job runner
    def _job(self, work: Callable[[], Outcomes | None], name: str) -> None:
        assert self._jobs is not None
        self._pending += 1
        self._jobs.put_nowait((work, name))

    async def _run_jobs(self) -> None:
        assert self._jobs is not None
        while True:
            work, name = await self._jobs.get()
            try:
                try:
                    outcomes = await asyncio.to_thread(work)
                except (ServiceError, CardError) as exc:
                    outcomes = [(Event.REFUSED, {"reason": exc.reason})]
                except Exception as exc:  # a bug or an outage: say so, charge nothing
                    self.errors.append(exc)
                    self.log.error(f"{name} failed: {exc!r}")
                    outcomes = [(Event.REFUSED, {"reason": Reason.SYSTEM_ERROR})]
                for event, payload in outcomes or ():
                    try:
                        self.send(event, **payload)
                    except Exception as exc:  # the runner must outlive any one outcome
                        self.errors.append(exc)
                        self.log.error(f"{name}: {event.value} failed: {exc!r}")
            finally:
                self._done_one()


def _opened(sid: str | None) -> str:
    """The session's id for a centre call. The flow holds none when an outcome of an earlier
    session moved it on before this one opened; the call is refused then, exactly as the
    centre refuses an id that names no session."""
    if sid is None:
        raise ServiceError(Reason.UNKNOWN_SESSION, repr(sid))
    return sid


def _freeze_heap_once() -> None:
    """After the first session the process holds what it keeps for good (modules, styles,
    every step's screen, the fonts): take that out of the cyclic collector's full passes,
    which would otherwise walk it all every few screens (pauses of ~0.1 s). Once a process."""
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.collect()
        gc.freeze()
