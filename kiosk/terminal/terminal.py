"""`Terminal`: the kiosk's brain, without any UI (Textual or other).

It owns the `Flow`, the devices, the card reader, the centre and the session's secrets; it
carries out each `Effect` the flow returns (`kiosk.terminal.effects`), runs the blocking
calls (centre, card, printer) one at a time as jobs, and after every change publishes one
immutable `View` to whoever listens (the Textual app; tests).

Jobs run on a thread of their own under `run_jobs()` (the app's one worker), or in the
caller's thread with `drain()` when there is no event loop (tests and benchmarks drive a whole
session so). `pending` counts the jobs not yet finished: a script waits for it to be 0.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from backend.api import IssuanceService, KioskDay, ServiceHours
from backend.clock import Clock
from backend.config import Paths
from backend.reasons import Reason
from kiosk.card.reader import CardReader
from kiosk.catalogue import LANGUAGES, Msg, coin_rejected, language, msg, reason_message
from kiosk.devices import Devices
from kiosk.devices.coins import Coin, CoinOutcome
from kiosk.flow import PAUSES, Event, Flow, FlowError, Refusal, State, Transition
from kiosk.terminal.cashier import Cashier
from kiosk.terminal.effects import SessionSecrets, opened, perform
from kiosk.terminal.jobs import JobQueue, Outcomes, on_loop
from kiosk.terminal.reader import ObservedReader
from kiosk.terminal.view import StaffStatus, View

#: Where the card being taken off moves the flow (the reset keeps it on until it is done).
CARD_STATES = (State.PLACE_CARD, State.MUNICIPALITY, State.PIN, State.REMOVE_CARD,
               State.NEW_SIGNING_PIN, State.PIN_RESET_DONE)
TAKEABLE = ("certificates", "receipt", "change", "card")
log = logging.getLogger("kiosk.terminal")


class Terminal(JobQueue):
    def __init__(self, centre: IssuanceService | Callable[[], IssuanceService],
                 reader: CardReader, devices: Devices, clock: Clock, kiosk_id: str, paths: Paths,
                 *, lang: str = "ja", idle_seconds: float = 60.0,
                 prompt_seconds: float = 20.0) -> None:
        super().__init__()
        # `centre` may be a factory: called on the job thread the first time it is needed,
        # so the first screen does not wait for the database.
        self._centre: IssuanceService | None = None
        self._open_centre: Callable[[], IssuanceService] | None = None
        if callable(centre) and not hasattr(centre, "begin_session"):
            self._open_centre = centre
        else:
            self._centre = centre  # type: ignore[assignment]   # the service itself
        self.reader = ObservedReader(reader, self._reader_moved)
        self.devices, self.clock, self.kiosk_id, self.paths = devices, clock, kiosk_id, paths
        self.idle_seconds, self.prompt_seconds = idle_seconds, prompt_seconds
        self.lang = self.default_lang = language(lang)    # the one each new person starts in
        self.flow = Flow()
        self.secrets = SessionSecrets()
        self.store_name = ""
        self.hours: ServiceHours | None = None
        self.recovered = False       # the start-up's recovery done (it needs the centre)
        self._hours_minute: datetime | None = None
        self.errors: list[BaseException] = []     # unexpected failures (shown as SYSTEM_ERROR)
        journal = paths.home / "journal"
        self.cashier = Cashier(lambda: self.centre, devices, journal / f"print-{kiosk_id}.json",
                               self.device_error, journal / f"refunds-{kiosk_id}.json")
        self.view = View(lang=lang)
        self.bell: Callable[[], None] = lambda: None        # the shell's terminal bell
        self._listeners: list[Callable[[View], None]] = []
        self._deferred: list[tuple[Event, dict[str, Any]]] = []   # outcomes held over a prompt
        self.sessions_ended = 0
        self._last_activity: datetime = clock.now()
        self._read_generation = -1
        self._notice: Msg | None = None
        self._notice_seq = 0
        self._flash = False
        devices.coins.subscribe(self._coin_event)

    @property
    def centre(self) -> IssuanceService:
        if self._centre is None:
            assert self._open_centre is not None        # set whenever `_centre` is not
            self._centre = self._open_centre()
        return self._centre

    @centre.setter
    def centre(self, centre: IssuanceService) -> None:
        """Another line to the centre (a reconnection; a test's faulty line)."""
        self._centre = centre

    # ------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Open for business: load the kiosk's details and recover what it left unfinished."""
        self.job(self._load_kiosk, "kiosk")
        self.publish()

    def _load_kiosk(self) -> None:
        self.store_name = self.centre.kiosk(self.kiosk_id).store_name
        self._refresh_hours()
        # What this kiosk left unfinished when it last stopped (a crash, a power cut) is
        # closed now, and every refund it still owes is paid out into the return tray.
        self.cashier.recover(self.kiosk_id)
        self.recovered = True

    def _top_of_the_minute(self) -> None:
        """At the top, once a minute: the hours again; and, while the start-up could not
        reach the centre, a refund paid out is still unreported to it, a session's close
        did not reach it or a printed copy's report is still noted (a remote centre was
        away), the start-up's recovery again — nobody's session is open here."""
        if (self.recovered and not self.cashier.refunds.unreported()
                and not self.cashier.unclosed and self.cashier.journal.pending() is None):
            self._refresh_hours()
        else:
            self._load_kiosk()

    def _refresh_hours(self) -> None:
        self.hours = self.centre.service_hours(self.kiosk_id)

    def _hours_due(self, now: datetime) -> bool:
        """At the top, once a minute: the hours may have opened or closed since."""
        minute = now.replace(second=0, microsecond=0)
        if self.flow.state != State.TOP or self._hours_minute == minute or self.pending:
            return False
        self._hours_minute = minute
        return True

    def shutdown(self) -> None:
        """Shut down, mid-session or not: the money goes back and the session is closed all
        the same. Blocking: the shell calls it off its event loop."""
        ctx = self.flow.context
        if ctx.session_id is not None:
            self.cashier.close(ctx.session_id, ctx.receipt is not None)
        self.flow.reset()
        self.secrets.forget()
        close_database = getattr(self._centre, "close_database", None)
        if close_database is not None:
            close_database()

    def device_error(self, exc: BaseException, what: str) -> None:
        """A device or a call failed where the kiosk carries on: kept, and logged."""
        self.errors.append(exc)
        log.error("%s: %r", what, exc)

    def tray_cards(self) -> list[dict[str, Any]]:
        """The demo tray's cards as staff see them (holder, PIN, tries, live status). Blocking."""
        from backend.jpki.card_image import card_names
        from kiosk.card.virtual.tray import card_rows

        try:                # the centre's registry: suspended, abolished… (asked, never read)
            registry = self.centre.card_registry(self.kiosk_id)
        except Exception as exc:         # the tray alone is still worth showing
            self.device_error(exc, "card_registry failed")
            registry = {}
        rows = card_rows(self.paths, self.clock.now().date(), registry)[0]
        read = {row["name"] for row in rows}
        # a file that is no card image is still there to place: the kiosk must cope with it
        rows += [{"name": name, "status": "unreadable"} for name in card_names(self.paths.card_tray)
                 if name not in read]
        return sorted(rows, key=lambda row: str(row["name"]))

    def staff_status(self) -> StaffStatus:
        """The staff panel's figures. Blocking (the centre is asked for today's)."""
        try:
            day: KioskDay | None = self.centre.kiosk_day(self.kiosk_id)
        except Exception as exc:        # the panel still shows the devices and the clock
            self.device_error(exc, "kiosk_day failed")
            day = None
        coins = self.devices.coins
        return StaffStatus(self.devices.printer.status, coins.fault, self.clock.now(), day,
                           coins.stock)

    def clear_coin_fault(self) -> None:
        """Staff cleared the coin vendor (a jam freed)."""
        self.devices.coins.set_fault(None)
        self.publish()

    def refill_coins(self) -> None:
        """Staff refilled the change hoppers (釣銭補充): 釣銭切れ is over."""
        self.devices.coins.refill()
        self.publish()

    def paused(self) -> Reason | None:
        """Why no session may start now (休止): a faulted printer or coin vendor."""
        return self.devices.printer.status or self.devices.coins.fault

    # ------------------------------------------------------------ the view
    def subscribe(self, listener: Callable[[View], None]) -> None:
        self._listeners.append(listener)

    def publish(self) -> None:
        """Tell the listeners what the kiosk shows now, if that changed."""
        ctx = self.flow.context
        coins, printer = self.devices.coins, self.devices.printer
        voice_on = self.devices.speaker.repeating is not None
        view = View(
            state=self.flow.state, context=replace(ctx, session_id=None) if ctx.session_id else ctx,
            lang=self.lang, store_name=self.store_name, paused=self.paused(), hours=self.hours,
            reminders=tuple(self.reminders()), items_in_trays=bool(coins.change_tray or printer.tray),
            card_on_reader=self.reader.placed_name, notice=self._notice,
            # the blink ends with the voice, not a tick later (in the next session, perhaps)
            notice_seq=self._notice_seq, flash=self._flash and voice_on,
            sessions_ended=self.sessions_ended, voice_on=voice_on, seconds_left=self._seconds_left())
        if view != self.view:
            self.view = view
            for listener in self._listeners:
                listener(view)

    def _seconds_left(self) -> int | None:
        """On 続けますか？: the whole seconds before it ends the session (the countdown)."""
        if self.flow.state not in PAUSES:
            return None
        idle = (self.clock.now() - self._last_activity).total_seconds()
        return max(0, math.ceil(self.prompt_seconds - idle))

    def _say(self, notice: Msg) -> None:
        self._notice, self._notice_seq = notice, self._notice_seq + 1

    def reminders(self) -> list[Msg]:
        """What a person left behind: the card, money in the return tray, printouts."""
        out = []
        if self.reader.present():
            out.append(msg("remind_card"))
        coins = self.devices.coins
        if coins.change_tray:
            money = sum(c for c in coins.change_tray if isinstance(c, int))
            out.append(msg("remind_change", yen=f"{money:,}"))
        if self.devices.printer.tray:
            out.append(msg("remind_prints"))
        if self.cashier.unpaid:
            out.append(reason_message(Reason.REFUND_NOT_PAID))
        return out

    # ------------------------------------------------------------ what a person does
    def touch(self) -> None:
        """Someone is there: the idle timer starts again."""
        self._last_activity = self.clock.now()

    def send(self, event: Event, *, secret: str | None = None, **payload: Any) -> Transition | None:
        """Move the flow; carry out its effects; publish. Returns the Transition, or None when
        the flow refused (the view's notice says why) or the event does not apply here.
        `secret` (the PIN) goes to the effect and is never stored."""
        try:
            t = self.flow.send(event, **payload)
        except Refusal as refusal:
            self._say(reason_message(refusal.reason))
            self.publish()
            return None
        except FlowError:
            return None
        self.touch()
        self._notice = None
        for effect in t.effects:
            perform(self, effect, secret)
        del secret
        if t.source in PAUSES and t.target not in PAUSES:
            self._resume_deferred(t.target)
        if t.target in CARD_STATES:
            self._card_check()
        self.publish()
        return t

    def outcome(self, event: Event, payload: dict[str, Any]) -> None:
        """A job's answer. The step's own news, come while a prompt is over it, is kept for
        the step (the prompt's table has no row for it)."""
        if self.flow.state in PAUSES and not self.flow.accepts(event):
            self._deferred.append((event, payload))
            return
        self.send(event, **payload)

    def _resume_deferred(self, target: State) -> None:
        """Back on the step from a prompt: what its jobs answered meanwhile, in order. The
        session ended instead (取消, timed out): none of it matters any more."""
        deferred, self._deferred = self._deferred, []
        if target in (State.TOP, State.REFUND):
            return
        for event, payload in deferred:
            self.send(event, **payload)

    def insert_coin(self, coin: Coin) -> CoinOutcome:
        """A coin into the slot (the on-screen coins of the demo; a script's hand)."""
        return self.devices.coins.insert(coin)

    def place_card(self, name: str) -> None:
        self.reader.place(name)

    def remove_card(self) -> None:
        self.reader.remove()

    def take(self, what: str) -> list[Any]:
        """A person takes something: "certificates", "receipt", "change" or "card".
        Returns what was taken (paths, coins, or the card's name)."""
        taken: list[Any]
        if what == "certificates":
            taken = list(self.devices.printer.take("certificate"))
        elif what == "receipt":
            taken = list(self.devices.printer.take("receipt"))
        elif what == "change":
            taken = list(self.devices.coins.take_change())
        elif what == "card":
            name = self.reader.placed_name
            taken = [name] if self.reader.present() else []
            self.reader.remove()
        else:
            raise ValueError(f"nothing called {what!r} to take: {', '.join(TAKEABLE)}")
        self.publish()
        return taken

    def take_items(self) -> None:
        """The demo's hand: the money and the printouts (the card stays: the card tray)."""
        for what in ("change", "certificates", "receipt"):
            self.take(what)

    def set_printer_fault(self, kind: str | None) -> None:
        """Staff switch a fault on (休止 until cleared) or off."""
        self.devices.printer.set_fault(kind, after=0)
        self.publish()

    def set_language(self, lang: str) -> None:
        """A person chose the screens' language (日本語 / English / 中文) for their session."""
        self.lang = language(lang)
        self.touch()
        self.publish()

    def switch_language(self) -> None:
        """Staff: the kiosk's own language moves on (日本語 → English → 中文), now and after."""
        self.default_lang = LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]
        self.set_language(self.default_lang)

    # ------------------------------------------------------------ the clock
    def tick(self) -> None:
        """Periodic (and callable directly): card presence, the reminder, the idle timer."""
        now = self.clock.now()
        self._card_check()        # a PC/SC reader changes without telling: poll it
        if self._hours_due(now):
            self.job(self._top_of_the_minute, "service_hours")
        speaker = self.devices.speaker
        if speaker.due(now):
            self.bell()
        self._flash = bool(speaker.repeating) and not self._flash
        limit = self.prompt_seconds if self.flow.state in PAUSES else self.idle_seconds
        idle = (now - self._last_activity).total_seconds()
        if self.pending == 0 and self.flow.accepts(Event.TIMEOUT) and idle >= limit:
            self.send(Event.TIMEOUT)
        if self.flow.state == State.TOP and idle >= limit:   # chosen there, then walked away
            self.lang = self.default_lang
        self.publish()

    # ------------------------------------------------------------ devices
    def _reader_moved(self) -> None:
        self.touch()
        self._card_check()
        self.publish()

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

    def _coin_event(self, outcome: CoinOutcome) -> None:
        loop = self._loop
        if loop is not None and not on_loop(loop):
            loop.call_soon_threadsafe(self._on_coin, outcome)   # in the order they went in
        else:
            self._on_coin(outcome)

    def _on_coin(self, outcome: CoinOutcome) -> None:
        self.touch()
        if self.flow.state in PAUSES:         # a coin going in: they are carrying on
            self.send(Event.CONTINUE)
        if not outcome.accepted:
            self._say(coin_rejected(outcome.coin))
            self.publish()
            return
        sid = self.flow.context.session_id
        self.secrets.coin_seq += 1
        seq, yen = self.secrets.coin_seq, int(outcome.coin)

        def record() -> Outcomes:
            payment = self.centre.insert_coin(opened(sid), seq, yen)
            return [(Event.COIN_RECORDED, {"payment": payment})]

        self.job(record, "insert_coin")
