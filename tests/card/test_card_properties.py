"""Property tests: malformed, truncated and random answers never crash or hang the client,
random commands never crash the card, and APDU encoding round-trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.config import Paths
from backend.jpki.card_image import load_card
from backend.jpki.samples import SAMPLE_PIN
from backend.reasons import Reason
from kiosk.card.apdu import Command
from kiosk.card.auth import CardRead, read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.virtual.inprocess import InProcessReader
from kiosk.card.virtual.card import VirtualCard

CLIENT_REASONS = {Reason.CARD_UNREADABLE, Reason.UNKNOWN_CARD, Reason.PIN_WRONG,
                  Reason.PIN_LOCKED, Reason.CARD_REMOVED}
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

answers = st.tuples(st.binary(max_size=300), st.integers(min_value=0, max_value=0xFFFF))
interesting_sw = st.sampled_from([0x9000, 0x63C0, 0x63C2, 0x6984, 0x6982, 0x6A82, 0x6700,
                                  0x6D00, 0x6E00, 0x6B00, 0x6282, 0x6C10])
plausible = st.tuples(st.one_of(st.just(b""), st.binary(max_size=8),
                                st.binary(min_size=250, max_size=260)), interesting_sw)
scripts = st.lists(st.one_of(answers, plausible), max_size=12)


class Scripted:
    """A transport answering from a script; past its end, the card is gone."""

    def __init__(self, script):
        self.script = list(script)

    def transmit(self, apdu: bytes):
        if not self.script:
            raise CardError(Reason.CARD_REMOVED)
        return self.script.pop(0)


def outcome(call):
    try:
        return call()
    except CardError as error:
        assert error.reason in CLIENT_REASONS, error
        if error.reason is Reason.PIN_WRONG:
            assert error.tries_left is None or 0 < error.tries_left <= 15
        return error


def check_read(result) -> None:
    if isinstance(result, CardRead):
        assert 0 <= result.pin_tries_left <= 15 and result.certificate_der[:1] == b"\x30"


def check_signature(result) -> None:
    if isinstance(result, bytes):
        assert len(result) == 256


@SETTINGS
@given(scripts)
def test_read_card_on_random_answers(script):
    check_read(outcome(lambda: read_card(Scripted(script))))


@SETTINGS
@given(scripts)
def test_sign_challenge_on_random_answers(script):
    check_signature(outcome(lambda: sign_challenge(Scripted(script), SAMPLE_PIN, b"challenge")))


class Garbling:
    """The real card behind a line that cuts, flips or replaces its answers."""

    def __init__(self, card, edits):
        self.card, self.edits = card, list(edits)

    def transmit(self, apdu: bytes):
        raw = self.card.process(apdu)
        data, sw = raw[:-2], int.from_bytes(raw[-2:], "big")
        if self.edits:
            cut, flip, new_sw = self.edits.pop(0)
            data = data[:cut] if cut is not None else data
            if flip is not None and data:
                i = flip % len(data)
                data = data[:i] + bytes((data[i] ^ 0x5A,)) + data[i + 1:]
            sw = new_sw if new_sw is not None else sw
        return data, sw


edits = st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 300)),
                           st.one_of(st.none(), st.integers(0, 2000)),
                           st.one_of(st.none(), interesting_sw)), max_size=10)


@pytest.fixture(scope="module")
def adult_image(card_template):
    return load_card(Paths(card_template).card_tray, "adult")


@SETTINGS
@given(edits)
def test_truncated_and_corrupted_answers(adult_image, script):
    card = VirtualCard(adult_image, persist=False)
    card.power_on()
    line = Garbling(card, script)
    check_read(outcome(lambda: read_card(line)))
    check_signature(outcome(lambda: sign_challenge(line, SAMPLE_PIN, b"c")))


class Babbling:
    """A chip answering random bytes (maybe not even a status word)."""

    atr = b"\x3b\x00"

    def __init__(self, answers):
        self.answers = list(answers)

    def power_on(self): ...
    def power_off(self): ...

    def process(self, raw):
        return self.answers.pop(0) if self.answers else b"\x6f\x00"


@SETTINGS
@given(st.lists(st.binary(max_size=40), max_size=8))
def test_in_process_transport_with_a_babbling_chip(tmp_path, answers):
    reader = InProcessReader(tmp_path)
    reader.insert(Babbling(answers), "babble")
    outcome(lambda: read_card(reader.connect()))


@SETTINGS
@given(st.binary(max_size=300))
def test_card_answers_anything_with_a_status_word(adult_image, raw):
    card = VirtualCard(adult_image, persist=False)
    card.power_on()
    for apdu in (raw, bytes.fromhex("00A4040C0AD392F000260100000001"), raw):
        answer = card.process(apdu)
        assert len(answer) >= 2


@SETTINGS
@given(st.integers(0, 255), st.integers(0, 255), st.binary(max_size=600),
       st.one_of(st.none(), st.integers(1, 65536)), st.booleans())
def test_command_round_trip(ins, p1, data, le, extended):
    command = Command(0x00, ins, p1, 0x0C, data, le, extended)
    parsed = Command.parse(command.encode())
    assert (parsed.ins, parsed.p1, parsed.data, parsed.le) == (ins, p1, data, le)
