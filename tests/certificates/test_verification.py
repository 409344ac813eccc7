"""The verification code and `kiosk verify`: genuine copies verify, each its own document; a
wrong key, an unknown issuer, a receipt, a damaged record or another renderer's record do not."""

import random
import shutil
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.config import Paths
from backend.document_keys import load_or_create_key, publish_public_keys
from certificates_templates import record as records
from certificates_templates import render_certificate, render_receipt
from certificates_templates.findings import Kind
from certificates_templates.fonts import fonts
from certificates_templates.render import render_certificate_copies
from certificates_templates.verification import (Ed25519Signer, Verdict, parse_payload,
                                                 verify_pdf)
from kiosk.cli import main as kiosk_main

from . import forgery
from .samples import (KEY, META, SIGNER, family_register, fuhyo, household, person, receipt,
                      seal_certificate, tax_certificate)


def _lookup(code):
    return KEY.public_key() if code == "272191" else None


@pytest.mark.parametrize("make", [lambda: household(4), lambda: household(12), seal_certificate,
                                  tax_certificate, family_register, fuhyo])
def test_a_fresh_certificate_is_genuine(make):
    rendered = render_certificate(make(), SIGNER)
    result = verify_pdf(rendered.pdf, _lookup)
    assert result.verdict is Verdict.GENUINE, result
    assert result.payload == parse_payload(rendered.payload)
    assert result.payload.document_id == META.document_id and not result.differences


def _varied_household(n: int, seed: int = 7):
    """n people whose names and addresses share little: a record that compresses poorly."""
    rng = random.Random(seed)
    kanji = "山川田中村林森木本松竹梅桜花鳥風月雪星空海青赤白黒金銀石岩岡島崎浜原野"

    def word(k: int) -> str:
        return "".join(rng.choice(kanji) for _ in range(k))

    persons = tuple(replace(
        person(i % 28), name=f"{word(2)}　{word(2)}", my_number=f"{rng.randrange(10**11, 10**12)}",
        previous_address=f"東京都{word(3)}区{word(4)}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番",
        honseki=f"大阪府{word(3)}市{word(3)}町{rng.randint(1, 99)}番") for i in range(n))
    return replace(household(1), persons=persons)


def test_a_record_too_large_for_one_code_is_cut_into_several():
    doc = _varied_household(30)
    assert len(records.split(records.encode(doc, fonts()))) >= 2
    rendered = render_certificate(doc, SIGNER)
    assert rendered.pages >= 5
    assert verify_pdf(rendered.pdf, _lookup).verdict is Verdict.GENUINE


def test_each_copy_is_its_own_document():
    ids = ["272191-T0001-01", "272191-T0001-02", "272191-T0001-03"]
    copies = render_certificate_copies(household(2), SIGNER, ids)
    assert [c.document_id for c in copies] == ids
    assert len({c.pdf for c in copies}) == len({c.payload for c in copies}) == 3
    for copy, document_id in zip(copies, ids, strict=True):
        result = verify_pdf(copy.pdf, _lookup)
        assert result.genuine, result
        assert result.payload.document_id == document_id
        assert f"発行番号 {document_id}" in forgery.page_text(copy.pdf, 0)
    # One record for all: the copies differ in their marks only.
    assert len({parse_payload(c.payload).digest for c in copies}) == 1


def test_another_municipalitys_key_is_a_wrong_signature():
    other = Ed25519PrivateKey.generate()
    pdf = render_certificate(household(1), Ed25519Signer("272191", other)).pdf
    assert verify_pdf(pdf, _lookup).verdict is Verdict.BAD_SIGNATURE


def test_unknown_issuer_no_code_and_not_a_pdf():
    pdf = render_certificate(household(1), SIGNER).pdf
    assert verify_pdf(pdf, lambda code: None).verdict is Verdict.UNKNOWN_ISSUER
    assert verify_pdf(render_receipt(receipt()), _lookup).verdict is Verdict.NO_CODE
    assert verify_pdf(b"not a pdf", _lookup).verdict is Verdict.UNREADABLE


def test_a_covered_record_is_a_damaged_code_not_no_code():
    pdf = render_certificate(household(2), SIGNER).pdf
    back = forgery.page_count(pdf) - 1
    covered = forgery.cover_rect(pdf, forgery.record_code_box(pdf), page=back)
    result = verify_pdf(covered, _lookup)
    assert result.verdict is Verdict.DAMAGED_CODE, result
    assert result.payload is not None      # the copy's own code still reads: whose it is


def test_a_record_drawn_by_another_renderer_is_not_compared(monkeypatch):
    monkeypatch.setattr(records, "renderer_version", lambda fontset: "0123456789abcdef")
    pdf = render_certificate(household(2), SIGNER).pdf
    monkeypatch.undo()
    result = verify_pdf(pdf, _lookup)
    assert result.verdict is Verdict.OTHER_LAYOUT, result


def test_a_genuine_record_under_another_documents_code_is_altered():
    this = render_certificate(household(2), SIGNER).pdf
    other = render_certificate(replace(household(1), meta=replace(META, document_id="272191-X")),
                               SIGNER).pdf
    result = verify_pdf(forgery.swap_back(this, other), _lookup)
    assert result.verdict is Verdict.ALTERED, result
    assert any(d.kind is Kind.AREA and not d.back for d in result.differences)


def test_kiosk_verify_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    paths = Paths(tmp_path / "home")
    signer = Ed25519Signer("272191", load_or_create_key(paths, "272191"))
    good = tmp_path / "good.pdf"
    good.write_bytes(render_certificate(household(2), signer).pdf)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(forgery.white_box(good.read_bytes(), "987654321001"))
    plain = tmp_path / "receipt.pdf"
    plain.write_bytes(render_receipt(receipt()))

    assert kiosk_main(["verify", str(good)]) == 0
    assert "本物" in capsys.readouterr().out
    assert kiosk_main(["verify", str(bad)]) == 1
    said = capsys.readouterr().err
    assert "改ざん" in said and "1枚目の表面の左から" in said and "sheet 1, front: differs" in said
    assert kiosk_main(["verify", str(plain)]) == 1
    assert "検証コードがありません" in capsys.readouterr().err
    assert kiosk_main(["verify", str(good), str(bad)]) == 1
    assert kiosk_main(["verify", str(tmp_path / "missing.pdf")]) == 2
    capsys.readouterr()

    # Offline, against published keys, once the home that signed is gone.
    published = tmp_path / "published"
    publish_public_keys(paths, ["272191"], published)
    shutil.rmtree(tmp_path / "home")
    assert kiosk_main(["verify", str(good)]) == 1
    assert "公開鍵が見つかりません" in capsys.readouterr().err
    assert kiosk_main(["verify", "--keys", str(published), str(good)]) == 0
    assert "本物" in capsys.readouterr().out
    assert kiosk_main(["verify", "--keys", str(tmp_path / "nowhere"), str(good)]) == 2
    assert "公開鍵のディレクトリがありません" in capsys.readouterr().err
