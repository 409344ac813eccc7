"""Composition and rendering: a layout's blocks measured, paginated and drawn on pages with
the title, the repeated header and the footer (page numbers, notes); on a certificate also the
地紋, each sheet's back with the signed record, and on every page the copy's marks (発行番号 and
verification code) — one rendering for all the copies of an issuance (`render_copies`)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates import record as records
from certificates_templates import verification
from certificates_templates.documents import DocumentDataError, DocumentMeta
from certificates_templates.fonts import FontSet, fonts
from certificates_templates.toolkit.back import RECORD_FORM, draw_back, draw_record
from certificates_templates.toolkit.copies import another_copy, capture, form_object
from certificates_templates.toolkit.pattern import draw_pattern
from certificates_templates.toolkit.qr import COPY_FORM, CopyMark, draw_copy_marks
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
    """One copy. `pages` counts the sheets' fronts (numbered 1/N…); a certificate's sheets
    each have a back (`back_pages`), the PDF's page after its front. `page_texts`: the text
    drawn on each page of the PDF in order, without the copy marks."""

    pdf: bytes
    pages: int
    page_texts: list[str] = field(default_factory=list)
    payload: str | None = None
    document_id: str | None = None
    back_pages: int = 0

    @property
    def fronts(self) -> range:
        """The PDF's pages (0-based) that are the sheets' fronts."""
        return range(0, 2 * self.pages, 2) if self.back_pages else range(self.pages)

    @property
    def backs(self) -> range:
        """The PDF's pages (0-based) that are the sheets' backs."""
        return range(1, 2 * self.back_pages, 2)


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
           *, fontset: FontSet | None = None, record: bytes = b"") -> Rendered:
    """One copy: a certificate signed by `signer` under its own `meta.document_id`."""
    marks: tuple[CopyMark, ...] = ()
    if comp.secured:
        if signer is None or comp.meta is None:
            raise ValueError("a certificate needs its document metadata and a signer")
        document_id = comp.meta.document_id
        marks = (CopyMark(document_id, verification.make_payload(
            signer, document_id, records.digest(record))),)
    return render_copies(comp, marks, fontset=fontset, record=record)[0]


def render_copies(comp: Composition, marks: Sequence[CopyMark] = (), *,
                  fontset: FontSet | None = None, record: bytes = b"") -> list[Rendered]:
    """Every copy of a composition: drawn once; a certificate's copies differ only by their
    `marks` (and each sheet's back carries `record`). A receipt has no marks: one copy."""
    fontset = fontset or fonts()
    if comp.secured and (not marks or comp.meta is None):
        raise ValueError("a certificate needs its document metadata and its copies' marks")
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=comp.page_size, initialFontName=fontset.mincho,
                         pageCompression=1, invariant=1)
    c.setTitle(comp.title)
    c.setCreator("konbini-kiosk certificates_templates")
    if marks:
        c.setSubject(marks[0].document_id)
    sheet = Sheet(c, fontset, comp.page_size)
    fronts = _draw_sheets(sheet, comp)
    texts = ["".join(p) for p in sheet.pages]
    forms: list[str] = []
    if comp.secured:
        c.beginForm(RECORD_FORM)
        draw_record(sheet, record, comp.margin, comp.footer_height)
        c.endForm()
        # Every copy's marks, drawn now so that their characters are in the font subsets.
        sheet.forget_colour()
        forms = [capture(c, partial(draw_copy_marks, sheet, mark, comp.margin)) for mark in marks]
        sheet.forget_colour()
        c.beginForm(COPY_FORM)
        c.addLiteral(forms[0])
        c.endForm()
    c.save()
    first = buf.getvalue()
    if not marks:
        return [Rendered(first, fronts, texts)]
    number = form_object(first, COPY_FORM)
    return [Rendered(first if i == 0 else another_copy(first, number, ops, mark.document_id),
                     fronts, texts, mark.payload, mark.document_id, fronts)
            for i, (mark, ops) in enumerate(zip(marks, forms, strict=True))]


def _draw_sheets(sheet: Sheet, comp: Composition) -> int:
    """The sheets: each front page, and on a certificate each followed by its back; their
    number."""
    m = comp.margin
    inner_w = sheet.width - 2 * m
    header = [b.measure(sheet, inner_w) for b in comp.header]
    body = [b.measure(sheet, inner_w) for b in comp.body]
    closing = [b.measure(sheet, inner_w) for b in comp.closing]
    header_h = sum(p.height for p in header)
    available = sheet.height - 2 * m - TITLE_H - header_h - comp.footer_height
    pages = paginate([p.height for p in body], sum(p.height for p in closing), available)
    for n, indices in enumerate(pages, start=1):
        if n > 1:
            sheet.next_page()
        if comp.secured:
            draw_pattern(sheet)
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
        if comp.secured:
            sheet.next_page()
            draw_back(sheet, comp.title, comp.margin)
            _footer(sheet, comp, n, len(pages), notes=False)
    return len(pages)


def _footer(sheet: Sheet, comp: Composition, page: int, pages: int, notes: bool = True) -> None:
    m = comp.margin
    y = m
    sheet.text(sheet.width - m, y + 2, f"{page}/{pages}", size=9, font="gothic", align="right")
    note_y = y + comp.footer_height - 12
    for note in comp.footer_notes if notes else ():
        sheet.text(sheet.width - m, note_y, note, size=6.5, font="gothic", align="right")
        note_y -= 9
    if comp.secured:
        _marks_line(sheet, comp)


def _marks_line(sheet: Sheet, comp: Composition) -> None:
    """The rule over the footer, and the copy's marks (the same form on every page)."""
    c = sheet.canvas
    m = comp.margin
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(0.3)
    c.line(m, m + FOOTER_H - 4, sheet.width - m, m + FOOTER_H - 4)
    sheet.use_form(COPY_FORM)
