"""The screens' language, without any UI: a person's choice lasts their session, the next
person starts in the kiosk's own language (`--lang`), and staff move the kiosk's own on."""

from __future__ import annotations

import pytest

from backend.api import Scope
from backend.demo_data import DEFAULT_KIOSK_ID
from backend.service import open_centre
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.devices import simulated
from kiosk.flow import Event, State
from kiosk.terminal import Terminal
from tests.terminal.conftest import step


def test_a_chosen_language_is_the_views_until_the_session_ends(terminal) -> None:
    t = terminal
    assert t.view.lang == t.default_lang == "ja"
    t.set_language("zh")                                  # 中文 on the top screen
    assert t.view.lang == "zh"
    assert step(t, Event.START) == State.TERMS
    assert step(t, Event.AGREE) == State.SERVICE_MENU
    assert step(t, Event.CHOOSE_SERVICE) == State.PLACE_CARD
    assert t.view.lang == "zh"                            # the whole session in it
    step(t, Event.QUIT)
    assert step(t, Event.QUIT_CONFIRMED) == State.TOP
    assert t.view.lang == "ja"                            # the next person starts in Japanese


def test_what_was_left_behind_is_said_in_the_language_of_who_left_it(terminal) -> None:
    t = terminal
    t.set_language("zh")
    for event in (Event.START, Event.AGREE, Event.CHOOSE_SERVICE):
        step(t, event)
    t.place_card("izumi-taro")
    t.drain()
    assert step(t, Event.SCOPE_CHOSEN, scope=Scope.RESIDENCE) == State.PIN
    step(t, Event.QUIT)
    assert step(t, Event.QUIT_CONFIRMED) == State.TOP       # the card still on the reader
    assert t.devices.speaker.spoken[-1] == "請取走卡片。"
    assert t.view.lang == "ja"


def test_a_language_chosen_and_walked_away_from_goes_back(terminal, clock) -> None:
    t = terminal
    t.set_language("en")
    clock.advance(t.idle_seconds - 1)
    t.tick()
    assert t.view.lang == "en"                            # still there, reading
    clock.advance(1)
    t.tick()
    assert t.view.state == State.TOP and t.view.lang == "ja"


def test_staff_move_the_kiosks_own_language_on(terminal) -> None:
    t = terminal
    seen = []
    for _ in range(3):
        t.switch_language()
        seen.append((t.view.lang, t.default_lang))
    assert seen == [("en", "en"), ("zh", "zh"), ("ja", "ja")]
    t.switch_language()
    t.set_language("zh")
    for event in (Event.START, Event.AGREE, Event.CHOOSE_SERVICE):
        step(t, event)
    step(t, Event.QUIT)
    step(t, Event.QUIT_CONFIRMED)
    assert t.view.lang == "en"                            # back to the kiosk's own: staff's


def test_only_the_kiosks_languages_are_taken(terminal, demo_home, clock) -> None:
    with pytest.raises(ValueError, match="fr"):
        terminal.set_language("fr")
    assert terminal.view.lang == "ja"
    with pytest.raises(ValueError, match="fr"):
        Terminal(open_centre(demo_home, clock), InProcessReader(demo_home.card_tray),
                 simulated(demo_home.output_tray, audio=False), clock, DEFAULT_KIOSK_ID,
                 demo_home, lang="fr")
