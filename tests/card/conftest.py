"""Card fixtures: a tray of issued cards (made once per session, copied per test), and a
stand-in for the vpcd driver."""

from __future__ import annotations

import shutil
import socket
from datetime import date, datetime
from pathlib import Path

import pytest

from backend.clock import JST
from backend.config import Paths
from backend.jpki.issuer import issue_card
from backend.jpki.samples import sample_spec
from kiosk.card.virtual.card import VirtualCard
from backend.jpki.card_image import load_card

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=JST)

# name → changes to the sample spec
CARDS = {
    "adult": {},
    "locked": {"user_auth_tries_left": 0},
    "signing-locked": {"signing_tries_left": 0},
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


class FakeVpcd:
    """The driver's end: listens, accepts the card, sends framed messages."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self):
        self.server.settimeout(10)
        self.conn, _ = self.server.accept()
        self.conn.settimeout(10)

    def send(self, payload: bytes) -> None:
        self.conn.sendall(len(payload).to_bytes(2, "big") + payload)

    def receive(self) -> bytes:
        size = int.from_bytes(self._exact(2), "big")
        return self._exact(size)

    def _exact(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.conn.recv(n - len(data))
            assert chunk, "the card hung up"
            data += chunk
        return data

    def close(self):
        if self.conn:
            self.conn.close()
        self.server.close()


@pytest.fixture
def vpcd():
    fake = FakeVpcd()
    yield fake
    fake.close()
