"""The demo residents' cards, as seeded: each authenticates (or is refused for its reason)
in-process, and `kiosk card list` shows each one's state."""

from __future__ import annotations

import json

import pytest

from backend import demo_data as demo
from backend.demo_data import DEMO_NOW
from backend.jpki.ca import load_or_create_ca
from backend.jpki.verify import verify_challenge_signature, verify_user_auth_certificate
from backend.reasons import Reason, ServiceError
from kiosk.card.auth import read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.cli import main

CARD_NAMES = [c.card_name for _, _, c in demo.cards()]


@pytest.mark.parametrize("name", CARD_NAMES)
def test_every_demo_card_authenticates_or_is_refused_for_its_reason(demo_home, name):
    _, _, card = demo.card(name)
    reader = InProcessReader(demo_home.card_tray)
    reader.place(name)
    transport = reader.connect()
    read = read_card(transport)
    if card.face_auth or card.tries_left == 0:
        assert read.pin_tries_left == 0
        with pytest.raises(CardError) as err:
            sign_challenge(transport, card.pin, b"challenge")
        assert err.value.reason is Reason.PIN_LOCKED
        return
    assert read.pin_tries_left == 3
    signature = sign_challenge(transport, card.pin, b"challenge")
    ca = load_or_create_ca(demo_home)
    if card.certificate_expired:
        with pytest.raises(ServiceError) as refused:
            verify_user_auth_certificate(read.certificate_der, ca, DEMO_NOW)
        assert refused.value.reason is Reason.CERTIFICATE_EXPIRED
        return
    verified = verify_user_auth_certificate(read.certificate_der, ca, DEMO_NOW)
    verify_challenge_signature(verified, b"challenge", signature)


def expected_status(card) -> str:
    if card.status != "active":
        return card.status
    if card.face_auth:
        return "face-auth"
    if card.certificate_expired:
        return "certificate-expired"
    return "locked" if card.tries_left == 0 else "active"


def test_card_list_json(demo_home, capsys):
    assert main(["card", "list", "--json", "--clock", DEMO_NOW.isoformat()]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert sorted(rows) == sorted(CARD_NAMES)
    for name in CARD_NAMES:
        household, person, card = demo.card(name)
        row = rows[name]
        assert row["status"] == expected_status(card), name
        assert row["pin"] == card.pin
        assert row["holder"] == f"{person.family_name} {person.given_name}"
        assert row["municipality"] == demo.municipality(household.municipality_code).name


def test_card_list_table(demo_home, capsys):
    assert main(["card", "list", "--clock", DEMO_NOW.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "izumi-taro" in out and "suspended" in out and "face-auth" in out


def test_card_list_after_a_counter_unlock(demo_home, capsys):
    from backend.jpki.card_image import unlock_user_auth_pin
    unlock_user_auth_pin(demo_home, "tomakomai-locked")
    main(["card", "list", "--json", "--clock", DEMO_NOW.isoformat()])
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["tomakomai-locked"]["status"] == "active"
    assert rows["tomakomai-locked"]["tries_left"] == 3


def test_insert_unknown_card(demo_home, capsys):
    assert main(["card", "insert", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


def test_remove_without_a_card(demo_home, capsys):
    assert main(["card", "remove"]) == 1


def test_card_list_without_a_database(card_home, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(card_home.home))
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    assert main(["card", "list", "--json", "--clock", "2026-06-10T10:00"]) == 0
    listed = json.loads(capsys.readouterr().out)
    rows = {row["name"]: row["status"] for row in listed}
    assert rows == {"adult": "active", "locked": "locked", "face": "face-auth",
                    "child": "active", "expired": "expired", "signing-locked": "active"}
    # A locked signing PIN is no lock on the card: the kiosk resets it (署名用の初期化).
    signing = {row["name"]: row["signing_tries_left"] for row in listed}
    assert (signing["signing-locked"], signing["adult"], signing["child"]) == (0, 5, None)


def test_card_list_empty_tray(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    assert main(["card", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
