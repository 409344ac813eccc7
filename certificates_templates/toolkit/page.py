"""Composition and rendering: a layout's blocks measured, paginated and drawn on pages with
the title, the repeated header, the footer (page numbers, 発行番号, notes), the 地紋 and the
verification code; then the content digest signed."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates import verification
from certificates_templates.documents import DocumentDataError, DocumentMeta
from certificates_templates.fonts import FontSet, fonts
from certificates_templates.toolkit.pattern import PATTERN_FORM, define_pattern, pattern_text
from certificates_templates.toolkit.qr import VERIFY_FORM, define_verification
from certificates_templates.toolkit.sheet import RULE, Block, Sheet

# Binary (Flate only) streams: ASCII85 on top makes files a quarter larger and, in pure Python,
# costs more than the drawing. Process-wide: ReportLab reads it when a document is saved.
rl_config.useA85 = 0

FOOTER_H = 78.0
PLAIN_FOOTER_H = 24.0                  # page number and notes only: no verification code
TITLE_H = 52.0


@dataclass(frozen=True)
class Composition:
    title: str
    body: tuple[Block, ...]
    header: tuple[Block, ...] = ()
    closing: tuple[Block, ...] = ()
    meta: DocumentMeta | None = None
    subtitle: str = ""
    secured: bool = True               # 地紋 and verification code (certificates; not receipts)
    page_size: tuple[float, float] = A4
    margin: float = 40.0
    footer_notes: tuple[str, ...] = ()

    @property
    def footer_height(self) -> float:
        return FOOTER_H if self.secured else PLAIN_FOOTER_H


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    page_texts: list[str] = field(default_factory=list)
    payload: str | None = None


def paginate(heights: Sequence[float], closing: float, available: float) -> list[list[int]]:
    """Greedy: body blocks in order, then the closing group, which must share the last page."""
    if any(h > available for h in heights) or closing > available:
        raise DocumentDataError("a block is taller than a page: the data cannot be laid out")
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if used + h > available and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    if used + closing > available:
        pages.append([])
    return pages


def render(comp: Composition, signer: verification.Signer | None = None,
           *, fontset: FontSet | None = None) -> Rendered:
    fontset = fontset or fonts()
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=comp.page_size, initialFontName=fontset.mincho,
                         pageCompression=1, invariant=1)
    c.setTitle(comp.title)
    c.setCreator("konbini-kiosk certificates_templates")
    if comp.meta:
        c.setSubject(comp.meta.document_id)
    sheet = Sheet(c, fontset, comp.page_size)
    m = comp.margin
    inner_w = sheet.width - 2 * m
    header = [b.measure(sheet, inner_w) for b in comp.header]
    body = [b.measure(sheet, inner_w) for b in comp.body]
    closing = [b.measure(sheet, inner_w) for b in comp.closing]
    header_h = sum(p.height for p in header)
    available = sheet.height - 2 * m - TITLE_H - header_h - comp.footer_height
    pages = paginate([p.height for p in body], sum(p.height for p in closing), available)

    latent_text = pattern_text(fontset) if comp.secured else ""
    for n, indices in enumerate(pages, start=1):
        if n > 1:
            sheet.next_page()
        if comp.secured:
            sheet.use_form(PATTERN_FORM, latent_text)
        top = sheet.height - m
        sheet.text(sheet.width / 2, top - 26, comp.title, size=20, font="mincho", align="centre")
        if comp.subtitle:
            sheet.text(sheet.width / 2, top - 42, comp.subtitle, size=9, font="gothic", align="centre")
        y = top - TITLE_H
        for placed in header:
            placed.draw(sheet, m, y)
            y -= placed.height
        for i in indices:
            body[i].draw(sheet, m, y)
            y -= body[i].height
        if n == len(pages):
            for placed in closing:
                placed.draw(sheet, m, y)
                y -= placed.height
        _footer(sheet, comp, n, len(pages))

    payload = None
    page_texts = ["".join(p) for p in sheet.pages]
    if comp.secured:
        if signer is None or comp.meta is None:
            raise ValueError("a certificate needs its document metadata and a signer")
        payload = verification.make_payload(
            signer, comp.meta.document_id, verification.content_digest(page_texts))
        define_pattern(sheet)
        define_verification(sheet, payload, m, m)
    c.save()
    return Rendered(buf.getvalue(), len(pages), page_texts, payload)


def _footer(sheet: Sheet, comp: Composition, page: int, pages: int) -> None:
    m = comp.margin
    c = sheet.canvas
    y = m
    sheet.text(sheet.width - m, y + 2, f"{page}/{pages}", size=9, font="gothic", align="right")
    if comp.meta:
        sheet.text(sheet.width - m, y + 14, f"発行番号 {comp.meta.document_id}", size=7.5,
                   font="gothic", align="right")
    note_y = y + comp.footer_height - 12
    for note in comp.footer_notes:
        sheet.text(sheet.width - m, note_y, note, size=6.5, font="gothic", align="right")
        note_y -= 9
    if comp.secured:
        c.setStrokeColorRGB(*RULE)
        c.setLineWidth(0.3)
        c.line(m, y + FOOTER_H - 4, sheet.width - m, y + FOOTER_H - 4)
        sheet.use_form(VERIFY_FORM)
