"""The codes as a scanner sees them: decoded from page images printed by another engine than
the verifier's (poppler's pdftoppm at 200 dpi). Every front page carries the copy's
verification code; the back page carries it too and the signed record, which holds the
document itself and which the municipality's public key verifies under that code only."""

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from backend.config import Paths
from backend.document_keys import load_or_create_key, load_public_key
from certificates_templates import record as records
from certificates_templates import render_certificate
from certificates_templates.verification import (Ed25519Signer, Verdict, parse_payload,
                                                 verify_payload)

from .samples import META, household

DPI = 200


@pytest.fixture
def home(tmp_path) -> Paths:
    return Paths(tmp_path / "home")


def _signer(home: Paths) -> Ed25519Signer:
    return Ed25519Signer("272191", load_or_create_key(home, "272191"))


def _scan(pdf: bytes, where: Path) -> list[list[bytes]]:
    """Each page printed to PNG, and the QR codes found on it, decoded."""
    where.mkdir()
    (where / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "doc.pdf", "page"], cwd=where, check=True)
    pages = []
    for png in sorted(where.glob("page-*.png")):
        with Image.open(png) as image:
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.barcode_formats_from_str("QRCode"))
        pages.append(sorted(code.bytes for code in found))
    return pages


def test_every_page_carries_the_code_and_every_back_the_record(home, tmp_path):
    doc = household(12)
    rendered = render_certificate(doc, _signer(home))
    scanned = _scan(rendered.pdf, tmp_path / "scan")
    fronts, backs = scanned[::2], scanned[1::2]
    code = rendered.payload.encode("ascii")
    assert len(fronts) == len(backs) == rendered.pages > 1       # every sheet, front and back
    assert fronts == [[code]] * rendered.pages
    back = backs[0]
    assert backs == [back] * rendered.pages                      # each back carries it all
    parts = [b for b in back if records.is_part(b)]
    assert [b for b in back if not records.is_part(b)] == [code]
    record = records.join(parts)
    assert records.decode(record) == replace(doc, meta=replace(doc.meta, document_id=""))
    payload = parse_payload(rendered.payload)
    assert payload.document_id == META.document_id
    assert verify_payload(payload, record, lambda c: load_public_key(home, c)) is None


def test_a_code_does_not_vouch_for_another_documents_record(home, tmp_path):
    signer = _signer(home)
    this = render_certificate(household(2), signer)
    other = render_certificate(replace(household(1), meta=replace(META, document_id="272191-T0002")),
                               signer)
    this_record = records.join(b for b in _scan(this.pdf, tmp_path / "this")[-1]
                               if records.is_part(b))
    payload = parse_payload(other.payload)

    def lookup(code):
        return load_public_key(home, code)

    assert verify_payload(payload, this_record, lookup).verdict is Verdict.ALTERED
    # Another municipality's key does not vouch for this one's code either.
    stranger = Paths(tmp_path / "elsewhere")
    load_or_create_key(stranger, "272191")
    assert verify_payload(payload, this_record,
                          lambda code: load_public_key(stranger, code)).verdict is Verdict.BAD_SIGNATURE
