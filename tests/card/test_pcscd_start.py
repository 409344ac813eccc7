"""Starting pcscd: what happens where it cannot be started (the PC/SC test then fails)."""

from __future__ import annotations

import pytest

from kiosk.card import pcscd


def test_without_root_or_sudo_it_says_why(monkeypatch, tmp_path):
    monkeypatch.setattr(pcscd, "vpcd_readers", lambda: [])
    monkeypatch.setattr(pcscd.os, "geteuid", lambda: 1000)
    (tmp_path / "vpcd").write_text("")
    monkeypatch.setattr(pcscd, "VPCD_DRIVER_CONF", tmp_path / "vpcd")
    monkeypatch.setattr(pcscd.shutil, "which",
                        lambda name: None if name == "sudo" else f"/usr/sbin/{name}")
    with pytest.raises(pcscd.PcscdUnavailable, match="root"):
        pcscd.ensure_pcscd(timeout=1)


def test_without_the_vpcd_driver(monkeypatch, tmp_path):
    monkeypatch.setattr(pcscd, "vpcd_readers", lambda: [])
    monkeypatch.setattr(pcscd, "VPCD_DRIVER_CONF", tmp_path / "missing")
    monkeypatch.setattr(pcscd.shutil, "which", lambda name: f"/usr/sbin/{name}")
    with pytest.raises(pcscd.PcscdUnavailable, match="vsmartcard-vpcd"):
        pcscd.ensure_pcscd(timeout=1)


def test_an_existing_pcscd_is_used_and_left_alone(monkeypatch):
    monkeypatch.setattr(pcscd, "vpcd_readers", lambda: ["Virtual PCD 00 00"])
    daemon = pcscd.ensure_pcscd()
    assert not daemon.started_here and daemon.readers == ["Virtual PCD 00 00"]
    daemon.stop()
