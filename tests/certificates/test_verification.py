"""The verification code: genuine PDFs verify; any edit of the printed text does not."""

import re
from dataclasses import replace

import pypdf
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.config import Paths
from backend.document_keys import load_or_create_key
from certificates_templates import render_certificate, render_receipt, verification
from certificates_templates.pdf_guard import extract_pages
from certificates_templates.verification import (
    MARKER, Ed25519Signer, Verdict, content_digest, parse_payload, split_page, verify_pdf,
)
from kiosk.cli import main as kiosk_main

from .samples import KEY, SIGNER, family_register, household, receipt, seal_certificate, tax_certificate


def _lookup(code):
    return KEY.public_key() if code == "272191" else None


@pytest.mark.parametrize("make", [lambda: household(4), lambda: household(12), seal_certificate,
                                  tax_certificate, family_register])
def test_a_fresh_certificate_is_genuine(make):
    rendered = render_certificate(make(), SIGNER)
    result = verify_pdf(rendered.pdf, _lookup)
    assert result.verdict is Verdict.GENUINE, result
    assert result.payload.document_id == "272191-T0001"


def test_extracted_text_is_the_drawn_text():
    rendered = render_certificate(household(12), SIGNER)
    pages = extract_pages(rendered.pdf)
    assert [split_page(p)[0] for p in pages] == rendered.page_texts
    assert parse_payload(split_page(pages[0])[1]) == parse_payload(rendered.payload)


def test_re_rendered_with_a_changed_name_but_the_old_code_is_altered(monkeypatch):
    genuine = render_certificate(household(2), SIGNER)
    old = parse_payload(genuine.payload)

    class Replay:                      # a forger who copies the old verification code
        municipality_code = "272191"

        def sign(self, message):
            return old.signature

    monkeypatch.setattr(verification, "content_digest", lambda pages: old.digest)
    doc = household(2)
    forged_doc = replace(doc, persons=(replace(doc.persons[0], name="山田　太郎"), doc.persons[1]))
    forged = render_certificate(forged_doc, Replay())
    monkeypatch.undo()
    # Same verification block as the genuine one, different name in the body.
    assert split_page(extract_pages(forged.pdf)[0])[1] == split_page(extract_pages(genuine.pdf)[0])[1]
    assert verify_pdf(forged.pdf, _lookup).verdict is Verdict.ALTERED


def _edit_first_text_op(pdf: bytes, pattern: bytes) -> bytes:
    """Rewrite page 1's content stream: change one glyph code inside the first string matching."""
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    writer = pypdf.PdfWriter(clone_from=reader)
    page = writer.pages[0]
    data = page.get_contents().get_data()
    m = re.search(pattern, data)
    assert m, "no such text operation"
    start = m.start(1)
    code = data[start]
    swapped = bytes([code + 1 if code < 0x7e else code - 1])
    data = data[:start] + swapped + data[start + 1:]
    content = pypdf.generic.DecodedStreamObject()
    content.set_data(data)
    page.replace_contents(content)
    out = __import__("io").BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_content_stream_edit_is_altered():
    genuine = render_certificate(household(2), SIGNER).pdf
    # The twelve-digit My Number is drawn in the Gothic subset; change its first digit.
    edited = _edit_first_text_op(genuine, rb"\((.)[^)]{11}\) Tj")
    assert extract_pages(edited) != extract_pages(genuine)
    assert verify_pdf(edited, _lookup).verdict is Verdict.ALTERED


def test_another_municipalitys_key_is_a_wrong_signature():
    other = Ed25519PrivateKey.generate()
    pdf = render_certificate(household(1), Ed25519Signer("272191", other)).pdf
    assert verify_pdf(pdf, _lookup).verdict is Verdict.BAD_SIGNATURE


def test_unknown_issuer_and_no_code():
    pdf = render_certificate(household(1), SIGNER).pdf
    assert verify_pdf(pdf, lambda code: None).verdict is Verdict.UNKNOWN_ISSUER
    assert verify_pdf(render_receipt(receipt()), _lookup).verdict is Verdict.NO_CODE
    assert verify_pdf(b"not a pdf", _lookup).verdict is Verdict.UNREADABLE


def test_digest_ignores_only_whitespace():
    assert content_digest(["和泉 太郎\n"]) == content_digest(["和泉　太郎"])
    assert content_digest(["和泉太郎"]) != content_digest(["和泉次郎"])
    assert content_digest(["a", "b"]) != content_digest(["ab"])


def test_kiosk_verify_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path))
    paths = Paths(tmp_path)
    signer = Ed25519Signer("272191", load_or_create_key(paths, "272191"))
    good = tmp_path / "good.pdf"
    good.write_bytes(render_certificate(household(2), signer).pdf)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(_edit_first_text_op(good.read_bytes(), rb"\((.)[^)]{11}\) Tj"))
    plain = tmp_path / "receipt.pdf"
    plain.write_bytes(render_receipt(receipt()))

    assert kiosk_main(["verify", str(good)]) == 0
    assert "本物" in capsys.readouterr().out
    assert kiosk_main(["verify", str(bad)]) == 1
    assert "改ざん" in capsys.readouterr().err
    assert kiosk_main(["verify", str(plain)]) == 1
    assert "検証コードがありません" in capsys.readouterr().err
    assert kiosk_main(["verify", str(good), str(bad)]) == 1
    assert kiosk_main(["verify", str(tmp_path / "missing.pdf")]) == 2
    assert MARKER not in capsys.readouterr().out
