"""The card image file is refused whole at load when anything in it is malformed, so the chip,
the tray and the listings take a loaded card as it is."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.jpki.card_image import card_file, load_card
from backend.jpki.pkcs1 import sha256_digest_info
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from backend.reasons import Reason
from kiosk.card.apdu import Command
from kiosk.card.auth import read_card
from kiosk.card.errors import CardError
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.card.virtual.card import JPKI_AID, KENMEN_AID, VirtualCard

GONE = object()     # a change that deletes the key


def adult(card_home, name: str) -> dict:
    """The adult's card image, as the card `name` (its file then is `name`.card.json)."""
    image = json.loads(card_file(card_home.card_tray, "adult").read_text(encoding="utf-8"))
    return {**image, "card_name": name}


def changed(*keys: str, to: object):
    """The adult's image with one value (at the path `keys`) changed, or deleted (GONE)."""
    def change(data: dict) -> str:
        target = data
        for key in keys[:-1]:
            target = target[key]
        if to is GONE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = to
        return json.dumps(data, ensure_ascii=False)
    change.field = keys[-1]     # what the refusal names
    return change


MALFORMED = {
    "a JSON list": lambda data: "[]",
    "a JSON string": lambda data: '"izumi-taro"',
    "deeply nested": lambda data: "[" * 100_000 + "]" * 100_000,
    "not JSON": lambda data: "{card",
    "tries left as text": changed("user_auth", "tries_left", to="3"),
    "tries left as true": changed("user_auth", "tries_left", to=True),
    "tries left above the most": changed("user_auth", "tries_left", to=4),
    "tries left below zero": changed("kenmen", "tries_left", to=-1),
    "the most tries beyond a status word": changed("signing", "max_tries", to=16),
    "user-auth PIN as a number": changed("user_auth", "pin", to=1234),
    "signing PIN as a number": changed("signing", "pin", to=12345678),
    "kenmen PIN as a number": changed("kenmen", "pin", to=1234),
    "user-auth PIN not 4 digits": changed("user_auth", "pin", to="１２３４"),
    "signing PIN against the rules": changed("signing", "pin", to="lower123"),
    "holder missing": changed("holder", to=GONE),
    "holder a list": changed("holder", to=[]),
    "signing a list": changed("signing", to=[]),
    "an unknown field": changed("kenmen", "extra", to=1),
    "birth date not a date": changed("holder", "birth_date", to="1985-13-01"),
    "birth date a number": changed("holder", "birth_date", to=19851001),
    "My Number not 12 digits": changed("holder", "my_number", to="12345678901x"),
    "sex not a code": changed("holder", "sex", to=2),
    "name far too long": changed("holder", "name", to="長" * 30_000),
    "certificate not base64": changed("user_auth", "certificate", to="not base64!"),
    "private key not text": changed("user_auth", "private_key", to=None),
    "face-auth not a flag": changed("face_auth", to="false"),
    "version true": changed("version", to=True),
    "another format": changed("format", to="something-else"),
    "municipality code a number": changed("municipality", "code", to=272191),
    "named for another card": changed("card_name", to="someone-else"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_image_is_refused_at_load(card_home, case):
    card_file(card_home.card_tray, "bad").write_text(MALFORMED[case](adult(card_home, "bad")),
                                                      encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        load_card(card_home.card_tray, "bad")
    assert "\n" not in str(refused.value)
    assert getattr(MALFORMED[case], "field", "") in str(refused.value)


def test_an_image_that_is_not_text_or_not_a_file_is_refused(card_home):
    card_file(card_home.card_tray, "binary").write_bytes(b"\xff\xfe\x00{")
    card_file(card_home.card_tray, "folder").mkdir()
    for name in ("binary", "folder", ".hidden"):
        with pytest.raises(ValueError):
            load_card(card_home.card_tray, name)
    with pytest.raises(FileNotFoundError):
        load_card(card_home.card_tray, "nobody")


def test_the_reader_finds_a_malformed_card_unreadable(card_home):
    """A card the kiosk cannot read: placed, it answers as an unreadable card, never with an
    exception of the loader's (an integer PIN once raised AttributeError through VERIFY)."""
    card_file(card_home.card_tray, "bad").write_text(
        changed("user_auth", "pin", to=1234)(adult(card_home, "bad")), encoding="utf-8")
    reader = InProcessReader(card_home.card_tray)
    reader.place("bad")
    assert reader.present() and reader.placed_name == "bad"
    with pytest.raises(CardError) as err:
        read_card(reader.connect())
    assert err.value.reason is Reason.CARD_UNREADABLE


def test_a_card_whose_file_goes_bad_on_the_reader_is_unreadable(card_home):
    reader = InProcessReader(card_home.card_tray)
    reader.place("adult")
    card_file(card_home.card_tray, "adult").write_text("[]", encoding="utf-8")
    with pytest.raises(CardError) as err:
        reader.connect()
    assert err.value.reason is Reason.CARD_UNREADABLE


scalars = (st.none() | st.booleans() | st.integers(-5, 20) | st.text(max_size=20)
           | st.sampled_from([SAMPLE_PIN, SAMPLE_SIGNING_PIN, "2030-01-01", "MA==", "1",
                              "123456789018"]))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)

READ = Command(0x00, 0xB0, 0x00, 0x00, le=256)
SIGN = Command(0x80, 0x2A, 0x00, 0x80, sha256_digest_info(b"c"), le=256)
# Each application: its PIN EF and PIN, then the EF its PIN opens and what is done with it.
SERVING = [(JPKI_AID, 0x0018, SAMPLE_PIN, 0x0017, SIGN),
           (JPKI_AID, 0x001B, SAMPLE_SIGNING_PIN, 0x0001, READ),
           (KENMEN_AID, 0x0011, SAMPLE_PIN, 0x0002, READ)]


def select(p1: int, data: bytes) -> Command:
    return Command(0x00, 0xA4, p1, 0x0C, data)


def key_paths(data: object, here: tuple = ()) -> list[tuple]:
    """Every key path into the image (the image's own fields, nested)."""
    found = [here] if here else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += key_paths(value, here + (key,))
    return found


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_loads_a_card_the_chip_can_serve_or_is_refused(card_home, data):
    """Whatever value is put anywhere in the image, loading gives a card whose PINs, counters,
    data and keys the chip handles, or a ValueError: nothing else needs to check them."""
    image = adult(card_home, "mutated")
    keys = data.draw(st.sampled_from(key_paths(image)))
    text = changed(*keys, to=data.draw(st.one_of(st.just(GONE), scalars, json_values)))(image)
    card_file(card_home.card_tray, "mutated").write_text(text, encoding="utf-8")
    try:
        loaded = load_card(card_home.card_tray, "mutated")
    except ValueError:
        return
    chip = VirtualCard(loaded, persist=False)
    chip.power_on()
    for aid, pin_ef, pin, ef, use in SERVING:
        for command in (select(0x04, aid), select(0x02, pin_ef.to_bytes(2, "big")),
                        Command(0x00, 0x20, 0x00, 0x80),
                        Command(0x00, 0x20, 0x00, 0x80, pin.encode()),
                        select(0x02, ef.to_bytes(2, "big")), use):
            assert len(chip.process(command.encode())) >= 2
