"""The 公印 as real seals are: a square impression over the end of the mayor's name, its
legend in columns read right to left, the first columns taking the extra characters
(苫小牧 | 市長 | 之印, not 苫小牧 | 市長之 | 印), each column filling the seal's height."""

import io
from dataclasses import replace

import pdfplumber
import pytest

from certificates_templates import documents as d
from certificates_templates import render_certificate
from certificates_templates.toolkit import SEAL_RED
from certificates_templates.toolkit.seal import seal_columns

from .samples import META, SIGNER, household

TOMAKOMAI = d.Issuer("012131", "苫小牧市", "北海道", "長", "岩倉 博文")


@pytest.mark.parametrize("n, columns", [
    (1, [1]), (2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [2, 2, 2]), (7, [3, 2, 2]),
    (8, [3, 3, 2]), (9, [3, 3, 3]), (10, [3, 3, 2, 2])])
def test_seal_columns(n, columns):
    assert seal_columns(n) == columns and sum(columns) == n


def _page_chars(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return list(doc.pages[0].chars)


def _red(chars: list[dict]) -> list[dict]:
    return [c for c in chars if tuple(round(v, 2) for v in c["non_stroking_color"] or ()) == SEAL_RED]


@pytest.mark.parametrize("issuer, columns", [
    (META.issuer, ["和泉", "市長", "之印"]), (TOMAKOMAI, ["苫小牧", "市長", "之印"])])
def test_the_official_seal_is_laid_out_in_columns_over_the_mayors_name(issuer, columns):
    doc = replace(household(1), meta=replace(META, issuer=issuer))
    chars = _page_chars(render_certificate(doc, SIGNER).pdf)
    seal = _red(chars)
    assert "".join(c["text"] for c in seal) == issuer.seal_text == "".join(columns)
    at, xs = 0, []
    for column in columns:
        group = seal[at:at + len(column)]
        at += len(column)
        centres = {round((c["x0"] + c["x1"]) / 2) for c in group}
        assert len(centres) == 1, (column, centres)          # one column…
        tops = [c["top"] for c in group]
        assert tops == sorted(tops)                          # …read downwards
        xs.append(centres.pop())
    assert xs == sorted(xs, reverse=True)                    # columns right to left
    # Every column fills the seal's height: a column of two has taller characters than three.
    spans = {c["text"]: c["bottom"] - c["top"] for c in seal}
    if len(columns[0]) == 3:
        assert spans["市"] == pytest.approx(spans["苫"] * 1.5, rel=0.05)
    # The impression lies over the end of the mayor's name.
    mayor = [c for c in chars if c["text"] in issuer.mayor_name and c not in seal]
    last = max(mayor, key=lambda c: c["x1"])
    left = min(c["x0"] for c in seal)
    top, bottom = min(c["top"] for c in seal), max(c["bottom"] for c in seal)
    assert left < last["x1"] and top < last["bottom"] and last["top"] < bottom
