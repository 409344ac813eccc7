"""Anti-tearing: a VERIFY counts the try on the card file before it compares the PIN, and gives
it back only on a match, so killing the process (pulling the card) at any instant never buys a
guess; the user-auth, signing and 券面事項入力補助 PINs share the path. And the file is only
ever replaced whole: temp file, fsync, rename."""

from __future__ import annotations

import os

import pytest

from backend.jpki.card_image import CardImage, load_card
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN
from kiosk.card.virtual.card import VirtualCard

from tests.card.test_virtual_card import SELECT_JPKI, SELECT_KENMEN, at, fresh, verify_pin

# application, PIN EF, its counter in the image, the right PIN, a wrong one of the right length
PINS = [pytest.param(SELECT_JPKI, "0018", "user_auth", SAMPLE_PIN, "9999", id="user-auth"),
        pytest.param(SELECT_JPKI, "001B", "signing", SAMPLE_SIGNING_PIN, "WRONG2026", id="signing"),
        pytest.param(SELECT_KENMEN, "0011", "kenmen", SAMPLE_PIN, "9999", id="kenmen")]


class Killed(BaseException):
    """The process dies here: nothing after this instant runs, no handler catches it."""


class KilledAtComparison(str):
    """The card's stored PIN, killing the process the instant the card takes it to compare."""

    def encode(self, *args, **kwargs):
        raise Killed


def tries_on_file(card_home, counter: str) -> int:
    return getattr(load_card(card_home.card_tray, "adult"), counter).tries_left


def ready(card_home, application: str, fid: str) -> VirtualCard:
    """The adult card put on a reader again (it re-reads its file), the PIN EF selected."""
    chip = fresh(card_home)
    at(chip, fid, application)
    return chip


@pytest.mark.parametrize("application, fid, counter, right, wrong", PINS)
def test_a_kill_at_each_comparison_leaves_every_wrong_pin_counted(card_home, application, fid,
                                                                   counter, right, wrong):
    """The report: five wrong PINs, each VERIFY killed as the card dealt with it, left all
    three tries on the file. Put back on the reader after each kill, the card must show one
    try fewer for each PIN it compared, and be blocked once they are gone."""
    most = tries_on_file(card_home, counter)
    for guesses in range(1, 6):
        chip = ready(card_home, application, fid)
        getattr(chip.image, counter).pin = KilledAtComparison(right)
        try:
            status = verify_pin(chip, wrong)
        except Killed:
            pass
        else:
            assert status == 0x6984 and guesses > most     # blocked: nothing compared
        assert tries_on_file(card_home, counter) == max(most - guesses, 0), f"guess {guesses}"


@pytest.mark.parametrize("application, fid, counter, right, wrong", PINS)
def test_the_first_write_of_a_verify_comes_before_the_card_knows_the_pin(
        card_home, monkeypatch, application, fid, counter, right, wrong):
    """A guesser watching for the card's write and killing it there learns nothing: the right
    PIN writes first just as a wrong one does, and either way the file then counts the try."""
    real_save = CardImage.save

    def save_then_die(self, *args):
        real_save(self, *args)
        raise Killed

    for guess in (wrong, right):
        chip = ready(card_home, application, fid)
        before = tries_on_file(card_home, counter)
        with monkeypatch.context() as patch:
            patch.setattr(CardImage, "save", save_then_die)
            with pytest.raises(Killed):
                verify_pin(chip, guess)
        assert tries_on_file(card_home, counter) == before - 1, guess


@pytest.mark.parametrize("application, fid, counter, right, wrong", PINS)
def test_the_right_pin_gives_the_try_back_on_the_file(card_home, application, fid, counter,
                                                      right, wrong):
    chip = ready(card_home, application, fid)
    most = tries_on_file(card_home, counter)
    assert verify_pin(chip, wrong) & 0xFFF0 == 0x63C0
    assert tries_on_file(card_home, counter) == most - 1
    assert verify_pin(chip, right) == 0x9000
    assert tries_on_file(card_home, counter) == most
    assert verify_pin(chip, right) == 0x9000 and tries_on_file(card_home, counter) == most


# -- the file, replaced whole ---------------------------------------------------------------

def test_a_failed_write_leaves_the_old_image_whole_and_no_stray_file(card_home, monkeypatch):
    image = load_card(card_home.card_tray, "adult")
    before, listing = image.path.read_bytes(), sorted(os.listdir(card_home.card_tray))
    image.user_auth.tries_left = 1

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        image.save()
    assert image.path.read_bytes() == before
    assert load_card(card_home.card_tray, "adult").user_auth.tries_left == 3
    assert sorted(os.listdir(card_home.card_tray)) == listing


def test_the_new_image_is_on_disk_before_it_replaces_the_old(card_home, monkeypatch):
    """fsync of the temp file, then the rename, then fsync of the tray (the rename itself)."""
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.path.realpath(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", os.path.realpath(src), os.path.realpath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    image = load_card(card_home.card_tray, "adult")
    image.kenmen.tries_left = 2
    image.save()
    target, tray = os.path.realpath(image.path), os.path.realpath(card_home.card_tray)
    assert [e[0] for e in events] == ["fsync", "replace", "fsync"], events
    temp = events[0][1]
    assert os.path.dirname(temp) == tray and temp != target
    assert events[1] == ("replace", temp, target)
    assert events[2] == ("fsync", tray)
    assert load_card(card_home.card_tray, "adult").kenmen.tries_left == 2
