"""Every step's screen fits, in each of the three languages, at 80×24, 120×40 and 200×60: no
button's label is clipped, every button is wholly on screen, no text is cut (`tests/app/fit.py`).

One kiosk per language and size tours every screen: leaflet 001's walkthrough (with the
inline notices of ④, ⑦, ⑨ and ⑪ on the way), an offer refused with its reason and the six
offers of Tomakomai (⑥), 取消 and 返金, 続けますか？, a refusal's message, a print fault and
the paused top screen, ⑫ while it prints, and the staff panels. A household of 12 fits too:
⑦ pages it (前へ / 次へ), and ⑩'s row of their names wraps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest
from textual.app import App
from textual.widgets import Button, Label, Static

from kiosk.app.screens import SCREENS
from kiosk.app.widgets.paged_choice import PagedChoice
from kiosk.catalogue import LANGUAGES
from kiosk.flow import State
from tests.app.conftest import Drive
from tests.app.fit import misfits

SIZES = [(80, 24), (120, 40), (200, 60)]
PANELS = {"staff", "card_tray"}       # the staff's screens (F12, F9), toured too


@dataclass
class Tour:
    """A person walking through the kiosk, looking at each screen they reach."""

    kiosk: Drive
    seen: dict[str, list[str]] = field(default_factory=dict)    # screen (and what) → misfits

    async def look(self, what: str = "", *, settle: bool = True,
                   leave_out: str | None = None) -> None:
        """Note what does not fit on the screen shown. `settle=False`: a screen shown other
        than by the flow, which the app would not call settled; a pause paints it."""
        await (self.kiosk.settle() if settle else self.kiosk.pilot.pause())
        screen = getattr(self.kiosk.app.screen, "SCREEN_ID", "")
        found = misfits(self.kiosk.app.screen, leave_out=leave_out)
        self.seen[f"{screen} {what}".strip()] = found

    async def tap(self, selector: str, what: str = "") -> None:
        await self.kiosk.tap(selector)
        await self.look(what)

    def problems(self) -> list[str]:
        return [f"{where}: {problem}" for where, found in self.seen.items() for problem in found]

    def screens(self) -> set[str]:
        return {where.split()[0] for where in self.seen}


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
    """⑪ 取消 with a coin in: 取り消しますか？ with the money line, then 返金."""
    k = tour.kiosk
    await k.to_certificate()
    await k.tap("#cert-juminhyo")
    await k.tap("#kind-self")
    await k.tap("#confirm")                                   # ⑧ as it is
    await k.keys("1")
    await k.tap("#confirm")
    await k.tap("#confirm")
    await k.insert(100)
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
    await k.to_certificate()
    await k.tap("#cert-juminhyo")
    await k.tap("#kind-self")
    await k.tap("#confirm")
    await k.keys("2")
    await k.tap("#confirm")
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


async def _signed_in(k: Drive, service: str, card: str, pin: str) -> None:
    """From the top to just after ④ of one of ①'s services."""
    for step in ("#admin_services", "#agree", f"#{service}"):
        await k.tap(step)
    await k.place(card)
    await k.pin(pin)


async def _registration(tour: Tour) -> None:
    """利用登録申請: the 本籍地's lists (47 都道府県 paged), the 五十音 keyboard, the slip."""
    k = tour.kiosk
    await _signed_in(k, "registration_service", "arakawa-mei", "1357")
    await k.remove_card()
    await tour.look()
    await k.tap("#" + PagedChoice.button_id("北海道"))
    await tour.look()
    await k.tap("#" + PagedChoice.button_id("012131"))
    await tour.look()
    for char in "マチヤ":
        await k.keys(char)
    await tour.look("typed")
    await k.tap("#kana-confirm")
    await tour.look()
    await k.tap("#confirm")
    await tour.look()
    await k.tap("#done")
    k.app.terminal.take_items()


async def _pin_reset(tour: Tour) -> None:
    """暗証番号初期化: the secret keyboard, the card being reset, done."""
    k = tour.kiosk
    await _signed_in(k, "pin_reset_service", "tomakomai-signlock", "2580")
    await tour.look()
    app = k.app
    await app.push_screen(SCREENS[State.PIN_RESETTING](replace(app.view, state=State.PIN_RESETTING)))
    await tour.look(settle=False)
    await app.pop_screen()
    for _ in range(2):
        for key in "newpass1":
            await k.keys(key)
        await k.tap("#secret-confirm")
    await tour.look()
    await k.remove_card()


TOUR: list[Callable] = [_walkthrough, _refused_offer_and_quit, _six_offers, _refund, _idle,
                        _message, _print_fault, _printing, _panels, _registration, _pin_reset]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_screen_fits(make_kiosk, clock, lang, size) -> None:
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        tour = Tour(Drive(app, pilot, clock))
        for part in TOUR:
            await part(tour)
            assert app.screen_id == "top", f"{part.__name__} ended on {app.screen_id}"
    assert tour.screens() == {cls.SCREEN_ID for cls in SCREENS.values()} | PANELS
    problems = tour.problems()
    assert not problems, "\n".join(problems)


class _Misfits(App):
    """A screen with one of each thing that does not fit, and one button that does."""

    CSS = """
    #narrow { width: 16; height: 3; }          /* as the kiosk's buttons: three rows */
    #wrapped { width: 12; height: 1; }
    #edge { width: 12; text-wrap: nowrap; text-overflow: ellipsis; }
    #spacer { height: 12; }
    """

    def compose(self):
        yield Label("header")
        yield Button("証明書交付サービス", id="narrow")
        yield Label("證明書交付服務目前暫停中。", id="wrapped")
        yield Label("Certificate issuance", id="edge")
        yield Button("fits", id="fits")
        yield Static(id="spacer")
        yield Button("below", id="below")


async def test_the_fit_check_sees_what_does_not_fit() -> None:
    app = _Misfits()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        found = misfits(app.screen)
    kinds = ("label clipped", "text cut", "not wholly on screen")
    assert [(line.split()[0], [kind for kind in kinds if f": {kind}" in line]) for line in found] == [
        ("Button#narrow", ["label clipped"]), ("Label#wrapped", ["text cut"]),
        ("Label#edge", ["text cut"]), ("Button#below", ["not wholly on screen"])], found


async def _household_of_12(kiosk: Drive) -> None:
    await kiosk.to_certificate("tomakomai-omori", "1212")
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_some")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_members_of_a_household_of_12_fit(make_kiosk, clock, lang, size) -> None:
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await _household_of_12(kiosk)
        assert kiosk.screen == "members"
        found = misfits(app.screen)
        assert not found, "\n".join(found)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_twelve_names_fit_on_the_confirmation(make_kiosk, clock, lang, size) -> None:
    app = make_kiosk(lang=lang)
    async with app.run_test(size=size) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await _household_of_12(kiosk)
        for _page in range(12):              # ☑ everyone, page by page
            for member in list(app.screen.query(".member")):
                if member.display:
                    await kiosk.tap(f"#{member.id}")
            if app.screen.query_one("#page-next").disabled:
                break
            await kiosk.tap("#page-next")
        await kiosk.tap("#confirm")
        await kiosk.tap("#field-head_relation-yes")
        await kiosk.tap("#confirm")
        await kiosk.keys("1")
        await kiosk.tap("#confirm")
        assert kiosk.screen == "confirm"
        found = misfits(app.screen)
        assert not found, "\n".join(found)
