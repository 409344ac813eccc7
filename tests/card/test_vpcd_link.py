"""The vpcd wire protocol, against a stand-in for the vpcd driver (a listening socket)."""

from __future__ import annotations

import socket

from backend.jpki.card_image import load_card
from kiosk.card.virtual.card import ATR, JPKI_AID, VirtualCard
from kiosk.card.virtual.vpcd import VpcdLink, vpcd_reader_name
from kiosk.cli import main


def test_power_atr_and_apdus(vpcd, card_home):
    link = VpcdLink(VirtualCard(load_card(card_home.card_tray, "adult")), port=vpcd.port)
    link.start(timeout=5)
    vpcd.accept()
    try:
        vpcd.send(b"\x01")                       # power on: no answer
        vpcd.send(b"\x04")                       # ATR please
        assert vpcd.receive() == ATR
        vpcd.send(bytes.fromhex("00A4040C0A") + JPKI_AID)
        assert vpcd.receive() == b"\x90\x00"
        vpcd.send(bytes.fromhex("00A4020C020006"))
        assert vpcd.receive() == b"\x90\x00"
        vpcd.send(bytes.fromhex("00B0000020"))
        assert vpcd.receive() == b"JPKIAPICCTOKEN2".ljust(32) + b"\x90\x00"
        vpcd.send(b"\x02")                       # reset: the application is deselected
        vpcd.send(bytes.fromhex("00B0000020"))
        assert vpcd.receive() == b"\x69\x86"
        vpcd.send(b"\x00")                       # power off
        vpcd.send(b"\x04")
        assert vpcd.receive() == ATR
    finally:
        link.close()
    assert link.closed.is_set()


def test_driver_hanging_up_ends_the_link(vpcd, card_home):
    link = VpcdLink(VirtualCard(load_card(card_home.card_tray, "adult")), port=vpcd.port)
    link.start(timeout=5)
    vpcd.accept()
    vpcd.conn.close()
    assert link.closed.wait(10)
    link.close()


def test_reader_names():
    assert vpcd_reader_name() == "Virtual PCD 00 00"
    assert vpcd_reader_name(35964) == "Virtual PCD 00 01"


def test_insert_without_vpcd_listening(card_home, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(card_home.home))
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    assert main(["card", "insert", "adult", "--port", str(port)]) == 1
    assert "pcscd" in capsys.readouterr().err
