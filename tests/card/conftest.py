"""Card fixtures: a tray of issued cards (made once per session, copied per test)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from backend.clock import JST
from backend.config import Paths
from backend.jpki.issuer import issue_card
from backend.jpki.samples import sample_spec
from kiosk.card.virtual_card import VirtualCard
from backend.jpki.card_image import load_card

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=JST)

# name → changes to the sample spec
CARDS = {
    "adult": {},
    "locked": {"user_auth_tries_left": 0},
    "face": {"face_auth": True},
    "child": {"signing_pin": None, "birth_date": date(2016, 4, 2), "sex": "1",
              "name": "見本 太一", "name_kana": "ミホン タイチ"},
    "expired": {"card_issued_on": date(2015, 6, 1), "certificate_expires_on": date(2020, 6, 1),
                "card_expires_on": date(2025, 6, 1)},
}


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def card_template(tmp_path_factory) -> Path:
    home = Paths(tmp_path_factory.mktemp("card-template")).ensure()
    for name, changes in CARDS.items():
        issue_card(home, sample_spec(name, **changes), NOW)
    return home.home


@pytest.fixture
def card_home(card_template, tmp_path) -> Paths:
    target = tmp_path / "home"
    shutil.copytree(card_template, target)
    return Paths(target)


@pytest.fixture
def card(card_home) -> VirtualCard:
    """The adult card, powered, its counters written back to its file."""
    chip = VirtualCard(load_card(card_home.card_tray, "adult"))
    chip.power_on()
    return chip
