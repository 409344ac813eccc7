"""The centre over the network: a seeded centre home served by `kiosk centre serve` on
loopback (a child process, on a port of its own, always stopped), kiosk homes with their
credentials, and a raw HTTPS client with a kiosk's credential (to send what a kiosk never
would)."""

from __future__ import annotations

import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.config import Paths
from backend.kiosk_ca import CredentialFiles, KioskAuthority
from kiosk.testing.centre_server import CentreServer
from tests.conftest import copy_home

KIOSK_A, KIOSK_B = "seven-izumi-fuchu", "izumi-cityhall"


@pytest.fixture(scope="module")
def centre_home(seeded_template: Paths, tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return copy_home(seeded_template, tmp_path_factory.mktemp("centre") / "home")


@pytest.fixture(scope="module")
def centre(centre_home: Paths) -> Iterator[CentreServer]:
    with CentreServer(centre_home.home).running() as server:
        yield server


def kiosk_home(centre_home: Paths, kiosk_id: str, where: Path, *, cards: bool = False) -> Path:
    """A kiosk's home with the credential the centre's staff issued it (and the card tray)."""
    home = where / f"kiosk-{kiosk_id}"
    KioskAuthority(centre_home).issue(kiosk_id, home)
    if cards:                  # as `kiosk admin export-cards` does (tested on its own)
        shutil.copytree(centre_home.card_tray, Paths(home).card_tray)
    return home


def tls_client(home: Path | None, *, trust: Path | None = None) -> httpx.Client:
    """An HTTPS client presenting the credential in the kiosk home `home` (None: none at all),
    trusting the centre by `trust` (default: that credential's CA certificate)."""
    files = CredentialFiles.in_home(home) if home is not None else None
    context = ssl.create_default_context(cafile=str(trust or files.centre_ca))  # type: ignore[union-attr]
    if files is not None:
        context.load_cert_chain(str(files.certificate), str(files.key))
    return httpx.Client(verify=context, timeout=10.0)
