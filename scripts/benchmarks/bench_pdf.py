"""`scripts/bench pdf`: a 4-person 住民票の写し with every field, one copy against a bare ReportLab
canvas drawing the same strings with the same font; and ten copies against one as the centre
issues them (`backend.rendering.render_copies` on the seeded demo register: 和泉 太郎's
household of four, every field). All in the same run.

Targets (issue): one copy ≤ 2.0× the bare canvas; ten copies ≤ 1.5× one copy. Each copy is its
own document (its own 発行番号 and signature: `distinct` counts the different PDFs and
document ids among the ten), yet the layout, the 地紋, the back page's record and the fonts
are drawn once: a copy is the first one's bytes with its marks' form replaced.
"""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import replace
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, PrintedField
from backend.demo_data import DEMO_NOW
from backend.rendering import render_copies
from certificates_templates import documents as d
from certificates_templates.fonts import fonts
from certificates_templates.render import render_certificate
from certificates_templates.verification import Ed25519Signer

RUNS = 25


def _document() -> d.ResidentRecord:
    issuer = d.Issuer("272191", "和泉市", "大阪府", "長", "泉野 正道")
    meta = d.DocumentMeta(issuer, date(2026, 6, 10), "272191-BENCH0001")
    base = d.ResidentEntry(
        name="和泉　太郎", name_kana="イズミ　タロウ", former_surname="山田", birth_date=date(1970, 5, 5),
        sex="男", relation="世帯主", became_resident_on=date(2015, 4, 1), address_fixed_on=date(2015, 4, 1),
        previous_address="東京都荒川区荒川二丁目2番3号", notified_on=date(2015, 4, 3),
        my_number="987654321000", honseki="大阪府和泉市府中町一丁目1番", hittosha="和泉　太郎")
    persons = tuple(replace(base, name=f"和泉　{g}", my_number=f"98765432100{i}", relation=rel)
                    for i, (g, rel) in enumerate((("太郎", "世帯主"), ("花子", "妻"), ("一郎", "子"),
                                                 ("さくら", "子"))))
    return d.ResidentRecord(meta, "大阪府和泉市府中町二丁目7番5号", "和泉　太郎", persons,
                            d.ResidentPrintOptions(True, True, True))


def _bare(strings: list[list[tuple[str, str, float]]]) -> bytes:
    """The same strings in the same faces and sizes, one drawString each, same page count:
    no tables, no seal, no pattern, no QR code."""
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, initialFontName=fonts().mincho, pageCompression=1,
                         invariant=1)
    for n, page in enumerate(strings):
        if n:
            c.showPage()
        y = 800.0
        for text, face, size in page:
            c.setFont(face, size)
            c.drawString(40, y, text)
            y = y - 12 if y > 60 else 800.0
    c.save()
    return buf.getvalue()


def _issue(session, paths, holder, copies: int) -> list:
    """The holder's household record with every field, `copies` copies, rendered as the
    centre renders them."""
    request = IssuanceRequest(CertificateCode.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                              member_ids=tuple(str(r.id) for r in holder.household.members),
                              fields=frozenset(PrintedField), copies=copies)
    return render_copies(session, issuance_id="BENCH0001", request=request,
                         holder_resident_id=holder.id, municipality_code=holder.municipality_code,
                         issued_at=DEMO_NOW, paths=paths)


def _time_together(**fns) -> dict[str, float]:
    """Median seconds of each, measured round-robin so that load on the machine hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(RUNS):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t0)
    return {name: statistics.median(xs) for name, xs in samples.items()}


def run() -> list[dict]:
    from sqlalchemy import select

    from backend.config import Paths
    from backend.db import Database
    from backend.models import Card
    from kiosk.scenario.harness import seeded_template, sqlite_url

    doc = _document()
    signer = Ed25519Signer("272191", Ed25519PrivateKey.generate())
    t0 = time.perf_counter()
    first = render_certificate(doc, signer)          # registers and parses the fonts once
    cold = time.perf_counter() - t0
    strings = _strings(doc, signer)
    bare_pdf = _bare(strings)
    with seeded_template() as home:
        paths = Paths(home)
        database = Database(sqlite_url(paths))
        with database.unit() as session:
            taro = session.scalar(select(Card).where(Card.card_name == "izumi-taro")).resident
            issued = _issue(session, paths, taro, 10)
            t = _time_together(bare=lambda: _bare(strings),
                               one=lambda: render_certificate(doc, signer),
                               issue_one=lambda: _issue(session, paths, taro, 1),
                               issue_ten=lambda: _issue(session, paths, taro, 10))
        database.dispose()
    bare, one = t["bare"], t["one"]
    issue_one, issue_ten = t["issue_one"], t["issue_ten"]
    return [
        {"name": "pdf_bare_canvas", "ms": round(bare * 1000, 2), "bytes": len(bare_pdf),
         "strings": sum(len(p) for p in strings)},
        {"name": "pdf_juminhyo_1_copy", "ms": round(one * 1000, 2), "bytes": len(first.pdf),
         "pages": first.pages + first.back_pages, "cold_first_ms": round(cold * 1000, 1),
         "ratio": round(one / bare, 2), "target": 2.0, "ok": one / bare <= 2.0},
        {"name": "pdf_juminhyo_10_copies", "ms": round(issue_ten * 1000, 2),
         "one_copy_ms": round(issue_one * 1000, 2), "bytes": sum(len(c.pdf) for c in issued),
         "distinct": min(len({c.pdf for c in issued}), len({c.document_id for c in issued})),
         "ratio": round(issue_ten / issue_one, 2), "target": 1.5,
         "ok": issue_ten / issue_one <= 1.5 and len({c.pdf for c in issued}) == 10},
    ]


def _strings(doc, signer) -> list[list[tuple[str, str, float]]]:
    """Every string the certificate draws, with its face and size, page by page."""
    from certificates_templates import toolkit

    pages: list[list[tuple[str, str, float]]] = []
    original = toolkit.Sheet.text

    def spy(self, x, y, s, *, size=10.5, font="mincho", **kw):
        while len(pages) < len(self.pages):
            pages.append([])
        pages[len(self.pages) - 1].append((s, self.face(font), size))
        return original(self, x, y, s, size=size, font=font, **kw)
    toolkit.Sheet.text = spy
    try:
        render_certificate(doc, signer)
    finally:
        toolkit.Sheet.text = original
    return pages


if __name__ == "__main__":
    import json
    for row in run():
        print(json.dumps(row, ensure_ascii=False))
