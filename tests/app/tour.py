"""A person touring every screen of the kiosk, looking at each one they reach; what they
look for is a list of `Check`s (each screen fits, its lines break well, the focus is on its
main action, its text reads at arm's length).

The tour: leaflet 001's walkthrough (with the inline notices of ④, ⑦, ⑨ and ⑪ on the way),
an offer refused with its reason and the six offers of Tomakomai (⑥), 取消 then いいえ, 取消
and 返金, 続けますか？, a refusal's message, a print fault and the paused top screen, ⑫ while
it prints, and the staff panels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from textual.screen import Screen

from kiosk.app.screens import SCREENS
from kiosk.flow import State
from tests.app.conftest import Drive

PANELS = {"staff", "card_tray"}       # the staff's screens (F12, F9), toured too


class Check(Protocol):
    def look(self, where: str, screen: Screen, leave_out: str | None) -> list[str]:
        """What is wrong on `screen` (shown at `where`), one line each. `leave_out`: a
        selector of parts not looked into (a list meant to scroll)."""
        ...


@dataclass
class Tour:
    """A person walking through the kiosk, looking at each screen they reach."""

    kiosk: Drive
    checks: Sequence[Check]
    seen: dict[str, list[str]] = field(default_factory=dict)    # screen (and what) → problems

    async def look(self, what: str = "", *, settle: bool = True,
                   leave_out: str | None = None) -> None:
        """Look at the screen shown. `settle=False`: a screen shown other than by the flow,
        which the app would not call settled; a pause paints it."""
        await (self.kiosk.settle() if settle else self.kiosk.pilot.pause())
        screen = self.kiosk.app.screen
        where = f"{getattr(screen, 'SCREEN_ID', '')} {what}".strip()
        self.seen.setdefault(where, []).extend(
            problem for check in self.checks for problem in check.look(where, screen, leave_out))

    async def tap(self, selector: str, what: str = "") -> None:
        await self.kiosk.tap(selector)
        await self.look(what)

    def problems(self) -> list[str]:
        return [f"{where}: {problem}" for where, found in self.seen.items() for problem in found]

    def screens(self) -> set[str]:
        return {where.split()[0] for where in self.seen}

    async def walk(self) -> None:
        """Every part of the tour; each ends on the top screen."""
        for part in TOUR:
            await part(self)
            assert self.kiosk.screen == "top", f"{part.__name__} ended on {self.kiosk.screen}"
        toured = {cls.SCREEN_ID for cls in SCREENS.values()} | PANELS
        assert self.screens() == toured, toured ^ self.screens()


async def to_confirmation(kiosk: Drive, copies: str) -> None:
    """To ⑩: 住民票の写し, 本人のみ, ⑧ as it is, `copies` copies."""
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-self")
    await kiosk.tap("#confirm")
    await kiosk.keys(*copies)
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"


async def _to_pin(tour: Tour, card: str) -> None:
    k = tour.kiosk
    await tour.tap("#admin_services")
    await tour.tap("#agree")
    await tour.tap("#certificate_service")
    reading = replace(k.app.view.context, busy=True)       # カードを確認しています while it reads
    await k.app.screen.update_view(replace(k.app.view, context=reading))
    await tour.look("reading", settle=False)
    await k.place(card)
    await tour.look()
    await tour.tap("#scope-residence")


async def _walkthrough(tour: Tour) -> None:
    """Leaflet 001: 住民票, 世帯の一部, 2 copies, paid with a 500 yen coin after refused ones."""
    k = tour.kiosk
    await tour.look()
    await _to_pin(tour, "izumi-taro")
    await k.keys("1")
    await tour.tap("#confirm", "four digits")
    await k.tap("#key-correct")
    await k.pin("9999")
    await tour.look("wrong")
    await k.pin("1234")
    await tour.look()
    await k.remove_card()
    await tour.look()
    await tour.tap("#cert-juminhyo")
    await tour.tap("#kind-household_some")
    await tour.tap("#confirm", "no one")
    for member in list(k.app.screen.query(".member")):
        if member.display:
            await k.tap(f"#{member.id}")          # ☑ those on the first page
    await tour.tap("#confirm")
    await tour.tap("#field-head_relation-yes")
    await tour.tap("#confirm")
    await tour.tap("#confirm", "no copies")
    await k.keys("2")
    await tour.tap("#confirm")
    await tour.tap("#confirm")
    for coin in (1, "foreign", 100):
        await k.insert(coin)
        await tour.look(f"coin {coin}")
    await k.insert(500)
    await tour.look()
    for _ in range(3):                    # the reminder's tick: it blinks (on the app's too)
        await k.wait(0)
        await tour.look("flashing")
        if k.app.screen.query_one("#take-away").has_class("flash"):
            break
    else:
        raise AssertionError("⑬ does not blink")
    await tour.tap("#stop-voice")
    await tour.tap("#done", "change and prints left")          # the reminders
    k.app.terminal.take_items()
    await tour.look()


async def _refused_offer_and_quit(tour: Tour) -> None:
    """⑥ with 印鑑 refused (no seal) and its reason beside it; 終了する → 取り消しますか？."""
    k = tour.kiosk
    await k.to_certificate("izumi-hanako", "2345")
    await tour.look("refused offer")
    await tour.tap("#quit")
    await tour.tap("#yes")


async def _six_offers(tour: Tour) -> None:
    """⑥ at its longest: Tomakomai's six certificates."""
    k = tour.kiosk
    await k.to_certificate("tomakomai-yoko", "8642")
    await tour.look("six offers")
    await k.quit()


async def _refund(tour: Tour) -> None:
    """⑪ 取消 with a coin in: 取り消しますか？ with the money line; いいえ, and ⑪ again as it
    was; 取消 again, はい, and 返金."""
    k = tour.kiosk
    await to_confirmation(k, "1")
    await k.tap("#confirm")
    await k.insert(100)
    await k.keys("tab")                  # the focus away from ⑪'s main action, then back:
    await tour.tap("#cancel", "money in")
    await tour.tap("#no", "after いいえ")      # いいえ gives it back
    await tour.tap("#cancel", "money in")
    await tour.tap("#yes")
    await tour.tap("#done", "refund left")
    k.app.terminal.take_items()


async def _idle(tour: Tour) -> None:
    """続けますか？ over the terms, with its countdown."""
    k = tour.kiosk
    await k.tap("#admin_services")
    await k.wait(k.app.terminal.idle_seconds)
    await tour.look()
    await k.tap("#end")


async def _message(tour: Tour) -> None:
    """A refusal's message: a locked PIN, the longest the card gives."""
    k = tour.kiosk
    for step in ("#admin_services", "#agree", "#certificate_service"):
        await k.tap(step)
    await k.place("tomakomai-locked")                        # refused as soon as it is read
    await tour.look("pin locked")
    await k.tap("#ok")
    await k.remove_card()


async def _print_fault(tour: Tour) -> None:
    """A jam after the first of two copies: the fault, then the paused top screen."""
    k = tour.kiosk
    await to_confirmation(k, "2")
    await k.tap("#confirm")
    k.app.terminal.devices.printer.set_fault("jam", after=1)
    await k.insert(500)
    await tour.look()
    await k.tap("#ok")
    await k.tap("#stop-voice")
    await k.tap("#done")
    k.app.terminal.take_items()
    await tour.look("paused")
    k.app.terminal.set_printer_fault(None)
    await k.settle()


async def _printing(tour: Tour) -> None:
    """⑫ as it shows while a job prints (its screen, shown over the top with a copy done)."""
    app = tour.kiosk.app
    printing = replace(app.view.context, copies=2, printed=1, total=2)
    await app.push_screen(SCREENS[State.PRINTING](replace(app.view, state=State.PRINTING,
                                                          context=printing)))
    await tour.look(settle=False)
    await app.pop_screen()


async def _panels(tour: Tour) -> None:
    """The staff panel, and the card tray but for its cards: file names, the same in every
    language, in a list that scrolls."""
    k = tour.kiosk
    for key, leave_out in (("f12", None), ("f9", "#tray")):
        await k.keys(key)
        await tour.look(leave_out=leave_out)
        await k.keys("escape")


from tests.app.tour_services import SERVICE_TOUR  # noqa: E402 (it names Tour, defined above)

TOUR: list[Callable] = [_walkthrough, _refused_offer_and_quit, _six_offers, _refund, _idle,
                        _message, _print_fault, _printing, _panels, *SERVICE_TOUR]
