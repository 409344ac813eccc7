"""The kiosk terminal's Textual shell around `kiosk.terminal.Terminal`.

The terminal decides and does; the app navigates, binds keys, keeps the clock ticking and
runs the terminal's jobs on one worker. Screens render the terminal's `View` and post small
messages (`kiosk.app.messages`); the app hands each to the terminal. One tap on ⑨ 確定する:
`Button.Pressed` → `CopiesScreen` posts `Send` → `KioskApp` → `Terminal.send` (flow, effects,
a `View`) → `KioskApp` renders it on the step's screen.

Hooks for tests and the scenario runner: `app.terminal` (its `flow`, `reader`, `devices`,
`take`, `tick`…); `app.settled` / `await app.wait_settled()`: no work pending and the screen
shown is the flow's state; `app.visible_text()`; `app.screen_id`.
Staff keys (not shown anywhere): F9 card tray, F12 staff panel (then Q shuts down). F8 opens the
staff panel too: in a browser (`kiosk serve`) F12 belongs to the browser's developer tools.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

from textual import events, on
from textual.app import App
from textual.binding import Binding

from kiosk.app.messages import (CardPlaced, CardTaken, CardTrayWanted, CoinDropped,
                                CoinFaultCleared, CoinsRefilled, ItemsTaken, LanguageChosen, LanguageSwitched,
                                PrinterFaultSet, Send, ShutdownWanted)
from kiosk.app.screens import SCREENS, KioskScreen
from kiosk.app.screens.staff import CardTrayScreen, StaffScreen
from kiosk.app.textual_internals import handling, paint_now, screen_text, unpainted
from kiosk.card.errors import CardError
from kiosk.catalogue import text
from kiosk.flow import PAUSES, State
from kiosk.terminal import Terminal, View


T = TypeVar("T")


class KioskApp(App[int], inherit_bindings=False):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("f9", "card_tray", show=False, priority=True, system=True),
        Binding("f12,f8", "staff", show=False, priority=True, system=True),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(self, terminal: Terminal, *, tick_seconds: float = 0.25,
                 exit_when_started: bool = False, paint_frames: bool = True) -> None:
        super().__init__()
        self.terminal = terminal
        self.tick_seconds = tick_seconds
        self.exit_when_started = exit_when_started
        # False: frames are not composed for a terminal (headless scenario runs read the
        # screen on demand with `visible_text`); buttons then skip their pressed look.
        self.paint_frames = paint_frames
        self.first_screen_at: float | None = None      # wall clock, for `scripts/bench startup`
        self._pending = 0                  # renders under way (the terminal counts its jobs)
        self._progress = asyncio.Event()   # set whenever a job or a render finishes
        self._rendering = self._dirty = False
        self._shown: State | None = None
        self._screens: dict[State, KioskScreen] = {}    # each step's screen, kept (see `_switch`)
        self._stale: set[KioskScreen] = set()           # to drop once off the stack
        self._under_prompt: State | None = None         # the step under 続けますか？
        self._panel = False                             # a staff panel or the card tray is up
        self._seen_sessions = 0
        self._exit_asked = False
        self._lang = terminal.lang
        terminal.bell = self.bell
        terminal.job_done = self._progress.set
        terminal.subscribe(self._view_changed)

    @property
    def view(self) -> View:
        return self.terminal.view

    # ------------------------------------------------------------ life cycle
    def on_mount(self) -> None:
        self.run_worker(self._run_terminal(), name="terminal", group="terminal")
        self.terminal.start()
        self._view_changed(self.view)
        self.set_interval(self.tick_seconds, self.tick, name="tick")

    async def _run_terminal(self) -> None:
        try:
            await self.terminal.run_jobs()
        finally:
            self._progress.set()

    async def on_unmount(self) -> None:
        await asyncio.to_thread(self.terminal.shutdown)

    def tick(self) -> None:
        """Periodic (and callable directly): the terminal looks at its devices and the clock."""
        if self.screen_stack:     # (the app is shutting down: the interval may fire once more)
            self.terminal.tick()

    # ------------------------------------------------------------ settling (tests, scripts)
    def _busy(self) -> bool:
        """Work under way: a job, a render, a message not yet handled."""
        if self.terminal.pending or self._pending or self._dirty:
            return True
        return handling(self) or any(map(handling, self.screen.walk_children(with_self=True)))

    @property
    def settled(self) -> bool:
        """Nothing under way, the screen painted, and it is the flow's state (or the app has
        stopped: there is nothing more to wait for)."""
        if not self.is_running or self._exit_asked:
            return True
        if self._busy() or unpainted(self.screen):
            return False
        state = self.terminal.flow.state
        return self._shown == state and (self._panel or self.screen is self._screens.get(state))

    async def wait_settled(self, timeout: float = 10.0) -> None:
        """Wait until `settled`; TimeoutError after `timeout`. While a job or a render is
        under way this sleeps until one of them finishes (the job's thread gets the CPU);
        otherwise it lets the message pumps run and looks again."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        spins = 0
        while not self.settled:
            left = deadline - loop.time()
            if left < 0:
                raise TimeoutError(f"kiosk not settled: state={self.terminal.flow.state.value} "
                                   f"shown={self._shown} jobs={self.terminal.pending} "
                                   f"renders={self._pending}")
            if self.terminal.pending or self._pending:
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
        return screen_text(self.screen)

    # ------------------------------------------------------------ what a person does
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)) and not event.is_forwarded:
            self.terminal.touch()
        await super().on_event(event)

    @on(Send)
    def _on_send(self, message: Send) -> None:
        message.stop()
        self.terminal.send(message.event, secret=message.secret, **message.payload)

    @on(CoinDropped)
    def _on_coin(self, message: CoinDropped) -> None:
        self.terminal.insert_coin(message.coin)

    @on(ItemsTaken)
    def _on_items_taken(self) -> None:
        self.terminal.take_items()

    @on(CardPlaced)
    def _on_card_placed(self, message: CardPlaced) -> None:
        try:
            self.terminal.place_card(message.name)
        except CardError:  # its file went from the tray since it was listed
            self.notify(text("card_not_in_tray", self.view.lang, name=message.name),
                        markup=False, severity="warning")

    @on(CardTaken)
    def _on_card_taken(self) -> None:
        self.terminal.remove_card()

    @on(CardTrayWanted)
    def _on_card_tray_wanted(self) -> None:
        self.call_later(self.action_card_tray)

    @on(PrinterFaultSet)
    def _on_printer_fault(self, message: PrinterFaultSet) -> None:
        self.terminal.set_printer_fault(message.kind)

    @on(CoinFaultCleared)
    def _on_coin_fault_cleared(self) -> None:
        self.terminal.clear_coin_fault()

    @on(CoinsRefilled)
    def _on_coins_refilled(self) -> None:
        self.terminal.refill_coins()

    @on(LanguageChosen)
    def _on_language_chosen(self, message: LanguageChosen) -> None:
        self.terminal.set_language(message.lang)

    @on(LanguageSwitched)
    def _on_language(self) -> None:
        self.terminal.switch_language()

    @on(ShutdownWanted)
    def _on_shutdown(self) -> None:
        self._exit_asked = True
        self.exit()

    async def action_card_tray(self) -> None:
        # Only a demo tray can be handled from here; a PC/SC reader takes real (virtual) cards.
        if self.terminal.reader.tray is not None:
            await self._open_panel(self.terminal.tray_cards,      # the files and the registry
                                   lambda cards: CardTrayScreen(self.view, cards))

    async def action_staff(self) -> None:
        await self._open_panel(self.terminal.staff_status,         # today's figures
                               lambda status: StaffScreen(self.view.lang, status))

    async def _open_panel(self, read: Callable[[], T],
                          panel: Callable[[T], CardTrayScreen | StaffScreen]) -> None:
        """A staff panel, once what it shows is read off the event loop (the key pressed again
        meanwhile opens nothing; a read that fails opens nothing and is logged)."""
        if self._panel:
            return
        self._panel = True
        try:
            shown = await asyncio.to_thread(read)
        except Exception as exc:
            self._panel = False
            self.terminal.device_error(exc, "the staff panel could not be read")
            return

        def closed(_: None) -> None:
            self._panel = False

        self.push_screen(panel(shown), closed)

    # ------------------------------------------------------------ rendering the view
    def _view_changed(self, view: View) -> None:
        """The terminal published a view: render the latest once the app gets to it (views
        published meanwhile are rendered together)."""
        self._dirty = True
        if not self._rendering:
            self._rendering = True
            self._pending += 1
            self.call_later(self._render)

    async def _render(self) -> None:
        try:
            while self._dirty:
                self._dirty = False
                view = self.view
                if view.sessions_ended != self._seen_sessions:
                    self._seen_sessions = view.sessions_ended
                    self._forget_screens()
                if view.lang != self._lang:
                    self._lang, self._shown = view.lang, None    # kept screens rebuild
                if view.state != self._shown:
                    await self._switch(view)
                else:
                    await self._screens[view.state].update_view(view)
        finally:
            self._rendering = False
            self._done_one()

    async def _switch(self, view: View) -> None:
        state = view.state
        if state in PAUSES and self._shown not in PAUSES:
            # over the step, so that what was being typed is still there after 続ける / いいえ
            self._under_prompt = self._shown
            await self.push_screen(await self._screen_for(view))
        elif self._under_prompt is not None and self._under_prompt == state:
            self._under_prompt = None
            await self.pop_screen()
            await self._screens[state].update_view(view)
        else:
            self._under_prompt = None
            while len(self.screen_stack) > 2:     # the prompt, a staff panel
                await self.pop_screen()
            screen = await self._screen_for(view)
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

    async def _screen_for(self, view: View) -> KioskScreen:
        """The step's screen: built the first time, then kept and brought up to date."""
        screen = self._screens.get(view.state)
        if screen is None:
            screen = self._screens[view.state] = SCREENS[view.state](view, self.paint_frames)
            self.install_screen(screen, f"step-{view.state.value}")
        elif screen.is_mounted:
            await screen.shown(view)
        else:
            screen.view = view
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

    def _done_one(self) -> None:
        self._pending -= 1
        self._progress.set()
