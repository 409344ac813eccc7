"""Through the real PC/SC stack: pcscd with the vsmartcard-vpcd driver, pyscard on our side.

The module starts pcscd itself when none offers the vpcd reader (and stops the one it
started). A stack that cannot be brought up fails the tests; it is never skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

import pytest

from backend.clock import JST
from backend.config import Paths
from backend.jpki.ca import load_or_create_ca
from backend.jpki.card_image import load_card
from backend.jpki.issuer import issue_card
from backend.jpki.samples import SAMPLE_PIN, sample_spec
from backend.jpki.verify import verify_challenge_signature, verify_user_auth_certificate
from backend.reasons import Reason
from kiosk.card import jpki_client as jpki
from kiosk.card.auth import read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.pcsc import PcscReader
from kiosk.card.pcscd import PcscdUnavailable, ensure_pcscd
from kiosk.card.virtual.card import ATR, VirtualCard
from kiosk.card.virtual.vpcd import VpcdLink, vpcd_reader_name

pytestmark = pytest.mark.pcsc
NOW = datetime(2026, 6, 10, 10, 0, tzinfo=JST)
WAIT = 15.0


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory):
    try:
        daemon = ensure_pcscd(log_file=tmp_path_factory.mktemp("pcscd") / "pcscd.log")
    except PcscdUnavailable as exc:
        # Never a skip: the set-up installs pcscd and vsmartcard-vpcd, so this is a real failure.
        pytest.fail(f"PC/SC stack (pcscd + vpcd) cannot be brought up: {exc}")
    yield daemon
    daemon.stop()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Paths:
    paths = Paths(tmp_path_factory.mktemp("pcsc-home")).ensure()
    issue_card(paths, sample_spec("adult"), NOW)
    return paths


@pytest.fixture
def reader(pcscd):
    with PcscReader(vpcd_reader_name()) as r:
        assert not r.present(), "a card was left in the vpcd reader"
        yield r


def insert(home: Paths, name: str = "adult") -> VpcdLink:
    return VpcdLink(VirtualCard(load_card(home.card_tray, name))).start(timeout=WAIT)


def test_vpcd_reader_is_listed(pcscd, reader):
    assert vpcd_reader_name() in pcscd.readers
    assert reader.name == vpcd_reader_name()


def test_no_card_in_the_reader(reader):
    with pytest.raises(CardError) as err:
        reader.connect()
    assert err.value.reason is Reason.NO_CARD


def test_authenticate_then_remove(reader, home):
    link = insert(home)
    try:
        assert reader.wait_for_card(WAIT)
        assert reader.present()
        transport = reader.connect()
        assert transport.atr == ATR
        read = read_card(transport)
        assert read.pin_tries_left == 3
        signature = sign_challenge(transport, SAMPLE_PIN, b"challenge over PC/SC")
        cert = verify_user_auth_certificate(read.certificate_der, load_or_create_ca(home), NOW)
        verify_challenge_signature(cert, b"challenge over PC/SC", signature)
    finally:
        link.close()
    assert reader.wait_for_removal(WAIT)
    assert not reader.present()
    with pytest.raises(CardError) as err:
        jpki.select_jpki(transport)
    assert err.value.reason is Reason.CARD_REMOVED


def test_wrong_pin_counts_on_the_card_file(reader, home):
    with insert(home):
        assert reader.wait_for_card(WAIT)
        transport = reader.connect()
        with pytest.raises(CardError) as err:
            sign_challenge(transport, "0000", b"c")
        assert (err.value.reason, err.value.tries_left) == (Reason.PIN_WRONG, 2)
        assert load_card(home.card_tray, "adult").user_auth.tries_left == 2
        assert len(sign_challenge(transport, SAMPLE_PIN, b"c")) == 256
    assert reader.wait_for_removal(WAIT)
    assert load_card(home.card_tray, "adult").user_auth.tries_left == 3


def test_kiosk_card_insert_and_remove(reader, home):
    env = {**os.environ, "KIOSK_HOME": str(home.home)}
    kiosk = [sys.executable, "-m", "kiosk.cli", "card"]
    inserted = subprocess.Popen(kiosk + ["insert", "adult"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    try:
        assert reader.wait_for_card(WAIT), "`kiosk card insert` did not put the card in"
        assert read_card(reader.connect()).pin_tries_left == 3
        removed = subprocess.run(kiosk + ["remove"], env=env, capture_output=True, text=True,
                                 timeout=WAIT)
        assert removed.returncode == 0, removed.stderr
        assert reader.wait_for_removal(WAIT)
        assert inserted.wait(timeout=WAIT) == 0
        assert "removed" in inserted.stdout.read()
    finally:
        if inserted.poll() is None:
            inserted.kill()
            inserted.wait()


def test_demo_residents_authenticate_over_pcsc(reader, demo_home):
    """Every usable demo card goes through pcscd just as in-process (locked ones say so)."""
    from backend import demo_data as demo

    ca = load_or_create_ca(demo_home)
    for _, _, card in demo.cards():
        with insert(demo_home, card.card_name):
            assert reader.wait_for_card(WAIT), card.card_name
            transport = reader.connect()
            read = read_card(transport)
            usable = read.pin_tries_left > 0
            assert usable != (card.face_auth or card.tries_left == 0), card.card_name
            if usable:
                signature = sign_challenge(transport, card.pin, b"demo challenge")
                if not card.certificate_expired:
                    cert = verify_user_auth_certificate(read.certificate_der, ca, demo.DEMO_NOW)
                    verify_challenge_signature(cert, b"demo challenge", signature)
        assert reader.wait_for_removal(WAIT), card.card_name


def test_a_reader_that_is_not_there(pcscd):
    with PcscReader("No Such Reader") as absent:
        assert not absent.present()
        with pytest.raises(CardError) as err:
            absent.connect()
        assert err.value.reason is Reason.NO_CARD


def _bench_card_auth():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "benchmarks" / "bench_card_auth.py"
    spec = importlib.util.spec_from_file_location("bench_card_auth", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_bare_loop_anchor_replays_the_kiosks_own_apdus(reader, home, monkeypatch):
    """scripts/bench card_auth's anchor: the exchange's APDUs, recorded, sent by SCardTransmit
    alone to the same card, every answer a success; the card's counter is untouched."""
    bench = _bench_card_auth()
    monkeypatch.setattr(bench, "ROUNDS", 10)
    monkeypatch.setattr(bench, "WARM_UP", 1)
    with insert(home):
        assert reader.wait_for_card(WAIT)
        transport = reader.connect()
        recorder = bench.Recorder(transport)
        read_card(recorder)
        sign_challenge(recorder, SAMPLE_PIN, b"benchmark challenge")
        assert [a[1] for a in recorder.apdus].count(0x20) == 2      # the counter query, VERIFY
        assert recorder.apdus[-1][:2] == bytes([0x80, 0x2A])        # the signature last
        kiosk, bare = bench.measure_against_bare(transport)
        assert kiosk["apdus"] == bare["apdus"] == len(recorder.apdus)
        assert kiosk["rounds"] == bare["rounds"] == 10
        assert 0 < bare["median_ms"] and 0 < kiosk["median_ms"]
        assert read_card(transport).pin_tries_left == 3
    assert reader.wait_for_removal(WAIT)
