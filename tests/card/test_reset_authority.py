"""The simulated J-LIS reset authority: its master key in the home, the per-card keys
diversified by card serial, the cryptogram, and the centre's answer to a card's challenge."""

from __future__ import annotations

import json

import pytest

from backend.config import Paths
from backend.jpki.card_image import CardImage, load_card
from backend.jpki.issuer import issue_card
from backend.jpki.reset_authority import (authority_answer, card_reset_key, load_or_create_master,
                                          master_file, reset_cryptogram)
from backend.jpki.samples import sample_spec
from backend.reasons import Reason, ServiceError

MASTER = bytes(range(32))
CHALLENGE = bytes.fromhex("0102030405060708")


def test_the_master_is_made_once_owner_only(tmp_path):
    home = Paths(tmp_path).ensure()
    first = load_or_create_master(home)
    assert len(first) == 32
    assert master_file(home).stat().st_mode & 0o777 == 0o600
    assert load_or_create_master(home) == first
    assert load_or_create_master(Paths(tmp_path / "other").ensure()) != first


def test_a_master_file_of_the_wrong_size_is_refused(tmp_path):
    home = Paths(tmp_path).ensure()
    master_file(home).write_bytes(b"short")
    with pytest.raises(ValueError):
        load_or_create_master(home)


def test_card_keys_are_per_card_and_per_master():
    key = card_reset_key(MASTER, "SC0000000001")
    assert len(key) == 16
    assert card_reset_key(MASTER, "SC0000000001") == key
    assert card_reset_key(MASTER, "SC0000000002") != key
    assert card_reset_key(bytes(32), "SC0000000001") != key


@pytest.mark.parametrize("serial", ["", "S" * 21, "番号", "SC\n1", None])
def test_a_serial_that_names_no_card_is_refused(serial):
    with pytest.raises(ValueError):
        card_reset_key(MASTER, serial)


def test_a_master_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError):
        card_reset_key(b"x" * 16, "SC0000000001")


def test_the_cryptogram_depends_on_key_and_challenge():
    key = card_reset_key(MASTER, "SC0000000001")
    cryptogram = reset_cryptogram(key, CHALLENGE)
    assert len(cryptogram) == 16
    assert reset_cryptogram(key, CHALLENGE) == cryptogram
    assert reset_cryptogram(key, bytes(8)) != cryptogram
    assert reset_cryptogram(card_reset_key(MASTER, "SC0000000002"), CHALLENGE) != cryptogram


def test_the_centre_answers_from_the_home_or_the_master(tmp_path):
    home = Paths(tmp_path).ensure()
    master = load_or_create_master(home)
    expected = reset_cryptogram(card_reset_key(master, "SC0000000001"), CHALLENGE)
    assert authority_answer(home, "SC0000000001", CHALLENGE) == expected
    assert authority_answer(master, "SC0000000001", bytearray(CHALLENGE)) == expected


@pytest.mark.parametrize("serial, challenge", [
    ("SC0000000001", b"seven!!"), ("SC0000000001", bytes(9)), ("SC0000000001", b""),
    ("SC0000000001", "01234567"), ("SC0000000001", None), ("", CHALLENGE), (None, CHALLENGE),
    ("S" * 40, CHALLENGE)])
def test_the_centre_refuses_what_is_not_a_card_challenge(serial, challenge):
    with pytest.raises(ServiceError) as err:
        authority_answer(MASTER, serial, challenge)
    assert err.value.reason is Reason.SIGNING_PIN_RESET_FAILED


def test_an_issued_card_holds_its_own_key_and_never_the_master(card_home):
    home = card_home
    image = load_card(home.card_tray, "adult")
    master = load_or_create_master(home)
    assert image.reset_key == card_reset_key(master, image.card_serial)
    raw = (home.card_tray / "adult.card.json").read_text()
    assert "reset_key" in json.loads(raw)
    assert master.hex() not in raw and master.hex().upper() not in raw


def test_an_image_without_the_key_loads_and_saves_without_it(card_home):
    home = card_home
    path = home.card_tray / "adult.card.json"
    data = json.loads(path.read_text())
    del data["reset_key"]
    old = CardImage.from_json(data, path)
    assert old.reset_key is None
    assert "reset_key" not in old.to_json()
    old.save()
    assert load_card(home.card_tray, "adult").reset_key is None


@pytest.mark.parametrize("value", ["", "AAAA", "not base64!", 16, None, True])
def test_a_reset_key_that_is_not_16_bytes_of_base64_is_refused(card_home, value):
    path = card_home.card_tray / "adult.card.json"
    data = json.loads(path.read_text())
    data["reset_key"] = value
    with pytest.raises(ValueError, match="reset_key"):
        CardImage.from_json(data, path)


def test_signing_tries_left_is_the_issuers_to_choose(card_home, now):
    signing = load_card(card_home.card_tray, "signing-locked").signing
    assert signing is not None and (signing.tries_left, signing.max_tries) == (0, 5)
    adult = load_card(card_home.card_tray, "adult").signing
    assert adult is not None and adult.tries_left == 5
    for wrong in (-1, 6):
        with pytest.raises(ValueError, match="signing_tries_left"):
            issue_card(card_home, sample_spec("bad", signing_tries_left=wrong), now)
