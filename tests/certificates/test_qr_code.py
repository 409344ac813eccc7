"""The QR code as a scanner sees it: decoded from the printed page image (pdftoppm at 200 dpi),
it carries the printed verification code, which the municipality's public key verifies
against this document's text and no other's."""

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from backend.config import Paths
from backend.document_keys import load_or_create_key, load_public_key
from certificates_templates import render_certificate
from certificates_templates.pdf_guard import extract_pages
from certificates_templates.verification import (
    Ed25519Signer, Verdict, canonical, parse_payload, split_page, verify_payload,
)

from .samples import META, household

DPI = 200


@pytest.fixture
def home(tmp_path) -> Paths:
    return Paths(tmp_path / "home")


def _signer(home: Paths) -> Ed25519Signer:
    return Ed25519Signer("272191", load_or_create_key(home, "272191"))


def _scan(pdf: bytes, where: Path) -> list[str]:
    """Each page printed to PNG, and the one QR code found on it decoded."""
    where.mkdir()
    (where / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "doc.pdf", "page"], cwd=where, check=True)
    texts = []
    for png in sorted(where.glob("page-*.png")):
        with Image.open(png) as image:
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1, f"{png.name}: {len(found)} QR codes"
        texts.append(found[0].text)
    return texts


def _contents(pdf: bytes) -> list[str]:
    return [split_page(page)[0] for page in extract_pages(pdf)]


def test_the_qr_code_is_the_printed_code_and_verifies(home, tmp_path):
    rendered = render_certificate(household(12), _signer(home))      # pages, a code on each
    scanned = _scan(rendered.pdf, tmp_path / "scan")
    assert len(scanned) == rendered.pages > 1
    printed = [canonical(split_page(page)[1]) for page in extract_pages(rendered.pdf)]
    assert scanned == printed == [rendered.payload] * rendered.pages
    payload = parse_payload(scanned[0])
    assert payload.document_id == META.document_id
    result = verify_payload(payload, _contents(rendered.pdf), lambda code: load_public_key(home, code))
    assert result.verdict is Verdict.GENUINE, result


def test_a_qr_code_from_another_document_does_not_verify_this_text(home, tmp_path):
    signer = _signer(home)
    this = render_certificate(household(2), signer)
    other = render_certificate(replace(household(1), meta=replace(META, document_id="272191-T0002")),
                               signer)
    (other_code,) = _scan(other.pdf, tmp_path / "other")
    payload = parse_payload(other_code)

    def lookup(code):
        return load_public_key(home, code)

    assert verify_payload(payload, _contents(other.pdf), lookup).verdict is Verdict.GENUINE
    assert verify_payload(payload, _contents(this.pdf), lookup).verdict is Verdict.ALTERED
    # Another municipality's key does not vouch for this one's code either.
    stranger = Paths(tmp_path / "elsewhere")
    load_or_create_key(stranger, "272191")
    assert verify_payload(payload, _contents(other.pdf),
                          lambda code: load_public_key(stranger, code)).verdict is Verdict.BAD_SIGNATURE
