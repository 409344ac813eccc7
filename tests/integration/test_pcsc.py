"""Through the real PC/SC stack: pcscd with the vsmartcard-vpcd driver, pyscard on our side.

The module starts pcscd itself when none offers the vpcd reader (and stops the one it
started). A stack that cannot be brought up fails the tests; it is never skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime

import pytest
from smartcard import scard

from backend.clock import JST
from backend.config import Paths
from backend.jpki.ca import load_or_create_ca
from backend.jpki.card_image import load_card
from backend.jpki.issuer import issue_card
from backend.jpki.reset_authority import authority_answer
from backend.jpki.samples import SAMPLE_PIN, SAMPLE_SIGNING_PIN, sample_spec
from backend.jpki.verify import verify_challenge_signature, verify_user_auth_certificate
from backend.reasons import Reason
from kiosk.card import jpki_client as jpki
from kiosk.card.auth import read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.card.pcsc import PcscReader
from kiosk.card.pcscd import PcscdUnavailable, ensure_pcscd
from kiosk.card.pin_reset import reset_signing_pin_with_authority, signing_pin_tries_left
from kiosk.card.virtual.card import ATR, JPKI_AID, VirtualCard
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
    issue_card(paths, sample_spec("signing-locked", signing_tries_left=0), NOW)
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


def raw(transport, apdu: str) -> int:
    """One command by SCardTransmit itself, beside the client: the card's status word."""
    card, protocol = transport.handle
    hresult, answer = scard.SCardTransmit(card, protocol, list(bytes.fromhex(apdu)))
    assert hresult == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hresult)
    return (answer[-2] << 8) | answer[-1]


def pin_apdu(ins: str, p1: str, pin: str) -> str:
    return f"00{ins}{p1}80{len(pin):02X}" + pin.encode().hex()


SELECT_JPKI = "00A4040C0A" + JPKI_AID.hex()
SELECT_SIGNING_PIN = "00A4020C02001B"
NEW_SIGNING_PIN = "PCSC2027RESET"
TYPING = 12.0   # seconds: the new PIN typed twice; longer than pcscd's power-off grace period


def test_signing_pin_reset_with_the_authority_over_pcsc(reader, home):
    """The card refuses a bare RESET RETRY COUNTER (6982), takes the authority's, relayed by
    the client on the transport ④ verified on, and then only the new signing PIN verifies."""
    serial = load_card(home.card_tray, "signing-locked").card_serial
    with insert(home, "signing-locked"):
        assert reader.wait_for_card(WAIT)
        transport = reader.connect()
        assert raw(transport, SELECT_JPKI) == 0x9000
        assert raw(transport, "00A4020C020018") == 0x9000
        assert raw(transport, pin_apdu("20", "00", SAMPLE_PIN)) == 0x9000
        assert raw(transport, SELECT_SIGNING_PIN) == 0x9000
        assert raw(transport, pin_apdu("2C", "02", NEW_SIGNING_PIN)) == 0x6982     # no proof
        assert raw(transport, "0082000010" + "00" * 16) == 0x6985              # no challenge

        sign_challenge(transport, SAMPLE_PIN, b"challenge over PC/SC")         # ④
        time.sleep(TYPING)          # the handle stays open: pcscd keeps the card powered
        resumed = reader.resume()
        assert resumed is transport and signing_pin_tries_left(resumed) == 0
        reset_signing_pin_with_authority(
            resumed, lambda challenge: authority_answer(home, serial, challenge),
            NEW_SIGNING_PIN)

        assert raw(transport, SELECT_JPKI) == 0x9000
        assert raw(transport, SELECT_SIGNING_PIN) == 0x9000
        assert raw(transport, "00200080") == 0x63C5
        assert raw(transport, pin_apdu("20", "00", NEW_SIGNING_PIN)) == 0x9000
        assert raw(transport, pin_apdu("20", "00", SAMPLE_SIGNING_PIN)) == 0x63C4
        assert raw(transport, pin_apdu("2C", "02", "AGAIN2028")) == 0x6982    # proof used up
    assert reader.wait_for_removal(WAIT)
    with pytest.raises(CardError) as err:
        signing_pin_tries_left(reader.resume())      # the card was taken off since
    assert err.value.reason is Reason.CARD_REMOVED
    signing = load_card(home.card_tray, "signing-locked").signing
    assert signing is not None and (signing.pin, signing.tries_left) == (NEW_SIGNING_PIN, 4)


def test_the_kiosk_resets_a_signing_password_over_pcsc(reader, demo_home, clock):
    """The whole 暗証番号初期化 through the terminal (no UI) and the real PC/SC stack: ④'s
    VERIFY and the reset share one card session, the centre's authority answers the card's
    challenge, and the card itself then counts 5 tries for the new password and refuses the
    old one."""
    from backend.api_services import Service
    from backend.demo_data import DEFAULT_KIOSK_ID
    from backend.service import open_centre
    from kiosk.devices import simulated
    from kiosk.flow import Event, State
    from kiosk.terminal import Terminal

    def until(state: State) -> None:
        for _ in range(int(WAIT / 0.05)):
            t.tick()
            t.drain()
            if t.view.state == state:
                return
            time.sleep(0.05)
        raise AssertionError(f"stuck on {t.view.state} waiting for {state}")

    old = load_card(demo_home.card_tray, "tomakomai-signlock").signing.pin.encode()
    t = Terminal(open_centre(demo_home, clock), reader,
                 simulated(demo_home.output_tray, audio=False), clock, DEFAULT_KIOSK_ID, demo_home)
    t.start()
    t.drain()
    try:
        for event, payload in ((Event.START, {}), (Event.AGREE, {}),
                               (Event.CHOOSE_SERVICE, {"service": Service.SIGNING_PIN_RESET})):
            t.send(event, **payload)
            t.drain()
        with insert(demo_home, "tomakomai-signlock"):
            assert reader.wait_for_card(WAIT)
            until(State.PIN)
            t.send(Event.PIN_SUBMITTED, secret="2580")
            until(State.NEW_SIGNING_PIN)
            t.send(Event.SIGNING_PIN_ENTERED, secret="YUMI2026")
            until(State.PIN_RESET_DONE)
            assert t.view.context.signing_tries_left == 5
            # the card's own word, by raw APDUs on the same reader
            transport = reader.connect()
            jpki.select_jpki(transport)
            jpki.select_ef(transport, 0x001B)
            verify = bytes((0x00, 0x20, 0x00, 0x80, len(old))) + old
            assert transport.transmit(verify)[1] == 0x63C4
            jpki.select_ef(transport, 0x001B)
            assert transport.transmit(bytes.fromhex("0020008008") + b"YUMI2026")[1] == 0x9000
        assert reader.wait_for_removal(WAIT)
        until(State.TOP)
    finally:
        t.shutdown()
    assert load_card(demo_home.card_tray, "tomakomai-signlock").signing.pin == "YUMI2026"
