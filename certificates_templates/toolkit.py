"""One drawing toolkit for every printed document: page, title, bordered tables, seals, the
地紋 background, the footer with page numbers and the verification code.

A layout (see `layouts/`) only says *what* goes on the paper as a `Composition`: a title,
header blocks (repeated on every page), body blocks (flowed over as many pages as needed) and
closing blocks (the certification, on the last page). `render` measures, paginates, draws and
signs. Everything written goes through `Sheet.text`, which remembers it in drawing order: that
is the text the content digest is computed from (see `verification`).
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates import verification
from certificates_templates.documents import DocumentDataError, DocumentMeta
from certificates_templates.fonts import FontSet, fonts, outline
from certificates_templates.text import fit, width

# Binary (Flate only) streams: ASCII85 on top makes files a quarter larger and, in pure Python,
# costs more than the drawing. Process-wide: ReportLab reads it when a document is saved.
rl_config.useA85 = 0

INK = (0.08, 0.08, 0.1)
RULE = (0.25, 0.25, 0.3)
SEAL_RED = (0.85, 0.1, 0.12)
PATTERN_INK = (0.78, 0.88, 0.85)
PATTERN_FORM = "chimon"
VERIFY_FORM = "verification"
LATENT_WORD = "複写"  # shows up in the pattern: photocopies carry the warning
LATENT_SPOTS = tuple((fx, fy) for fy in (0.2, 0.48, 0.76) for fx in (0.28, 0.72))


# ── the sheet: a canvas that remembers its text ───────────────────────────────
class Sheet:
    def __init__(self, canvas: rl_canvas.Canvas, fontset: FontSet, page_size: tuple[float, float]):
        self.canvas = canvas
        self.fonts = fontset
        self.width, self.height = page_size
        self.pages: list[list[str]] = [[]]
        self._color: tuple[float, float, float] | None = None

    def forget_colour(self) -> None:
        """After restoreState the fill colour is whatever it was: set it again on next use."""
        self._color = None

    def face(self, name: str) -> str:
        return self.fonts.gothic if name == "gothic" else self.fonts.mincho

    def text(self, x: float, y: float, s: str, *, size: float = 10.5, font: str = "mincho",
             align: str = "left", color: tuple[float, float, float] = INK) -> None:
        if not s:
            return
        c = self.canvas
        if color != self._color:
            c.setFillColorRGB(*color)
            self._color = color
        c.setFont(self.face(font), size)
        if align == "centre":
            c.drawCentredString(x, y, s)
        elif align == "right":
            c.drawRightString(x, y, s)
        else:
            c.drawString(x, y, s)
        self.pages[-1].append(s)

    def width_of(self, s: str, size: float, font: str = "mincho") -> float:
        return width(s, self.face(font), size)

    def use_form(self, name: str, text: str = "") -> None:
        """Draw a form XObject (defined once per document); `text` is what it writes."""
        self.canvas.doForm(name)
        if text:
            self.pages[-1].append(text)

    def next_page(self) -> None:
        self.canvas.showPage()
        self.pages.append([])
        self._color = None


class Placed(Protocol):
    height: float

    def draw(self, sheet: Sheet, x: float, top: float) -> None: ...


class Block(Protocol):
    def measure(self, sheet: Sheet, width: float) -> Placed: ...


@dataclass
class _Placed:
    height: float
    paint: Callable[[Sheet, float, float], None]

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        self.paint(sheet, x, top)


# ── blocks ─────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Cell:
    """A labelled value in a table row; long values shrink, then wrap (kinsoku)."""

    label: str | None
    value: str
    weight: float = 1.0
    size: float = 10.5
    max_lines: int = 2
    font: str = "mincho"
    label_width: float = 64.0


@dataclass(frozen=True)
class Grid:
    """A bordered table: rows of cells, each cell a small label box and a value box."""

    rows: tuple[tuple[Cell, ...], ...]
    heading: str | None = None     # a band across the top (e.g. the person's number)
    min_row: float = 17.0
    pad: float = 3.0
    min_size: float = 6.0

    def measure(self, sheet: Sheet, width: float) -> Placed:
        laid: list[tuple[float, list[tuple[Cell, float, float, list[str], float]]]] = []
        for row in self.rows:
            free = width - sum(c.label_width for c in row if c.label is not None)
            total_w = sum(c.weight for c in row)
            cells = []
            height = self.min_row
            for cell in row:
                lw = cell.label_width if cell.label is not None else 0.0
                vw = free * cell.weight / total_w
                lines, size = fit(cell.value, vw - 2 * self.pad, cell.max_lines,
                                  sheet.face(cell.font), cell.size, self.min_size)
                height = max(height, len(lines) * size * 1.3 + 2 * self.pad)
                cells.append((cell, lw, vw, lines, size))
            laid.append((height, cells))
        band = 13.0 if self.heading else 0.0
        total = band + sum(h for h, _ in laid)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            rules: list[tuple[float, float, float, float]] = []   # hairlines, stroked at once
            y = top
            if self.heading:
                rules.append((x, y - band, x + width, y - band))
                sheet.text(x + 6, y - band + 3.6, self.heading, size=8, font="gothic")
                y -= band
            for height, cells in laid:
                cx = x
                rules.append((x, y - height, x + width, y - height))
                for cell, lw, vw, lines, size in cells:
                    if cell.label is not None:
                        _label(sheet, cx, y, lw, height, cell.label)
                        cx += lw
                        rules.append((cx, y, cx, y - height))
                    _lines(sheet, cx + self.pad, y, height, lines, size, cell.font)
                    cx += vw
                    if cx < x + width - 0.5:
                        rules.append((cx, y, cx, y - height))
                y -= height
            _stroke(sheet, rules, 0.4)
            c = sheet.canvas
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(1.0)
            c.rect(x, top - total, width, total, stroke=1, fill=0)

        return _Placed(total, paint)


def _stroke(sheet: Sheet, rules: list[tuple[float, float, float, float]], line_width: float) -> None:
    """Many straight lines as one path, written as operators (ReportLab formats each number
    through Python, which for a table's hundred lines costs more than the lines are worth)."""
    c = sheet.canvas
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(line_width)
    c.addLiteral("\n".join(f"{a:.2f} {b:.2f} m {x:.2f} {y:.2f} l" for a, b, x, y in rules) + "\nS")


def _label(sheet: Sheet, x: float, top: float, w: float, h: float, label: str) -> None:
    size = 8.0
    lines, size = fit(label, w - 6, 2, sheet.fonts.gothic, size, 5.5)
    _lines(sheet, x + 3, top, h, lines, size, "gothic")


def _lines(sheet: Sheet, x: float, top: float, h: float, lines: Sequence[str], size: float,
           font: str) -> None:
    leading = size * 1.3
    block = len(lines) * leading
    y = top - (h - block) / 2 - size * 1.02
    for line in lines:
        sheet.text(x, y, line, size=size, font=font)
        y -= leading


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float = 10.5
    font: str = "mincho"
    align: str = "left"
    before: float = 4.0
    after: float = 4.0
    indent: float = 0.0

    def measure(self, sheet: Sheet, width: float) -> Placed:
        lines, size = fit(self.text, width - self.indent, 99, sheet.face(self.font), self.size, self.size)
        leading = size * 1.45
        height = self.before + len(lines) * leading + self.after

        def paint(sheet: Sheet, x: float, top: float) -> None:
            y = top - self.before - size
            for line in lines:
                if self.align == "centre":
                    sheet.text(x + width / 2, y, line, size=size, font=self.font, align="centre")
                elif self.align == "right":
                    sheet.text(x + width, y, line, size=size, font=self.font, align="right")
                else:
                    sheet.text(x + self.indent, y, line, size=size, font=self.font)
                y -= leading

        return _Placed(height, paint)


@dataclass(frozen=True)
class Spacer:
    height: float

    def measure(self, sheet: Sheet, width: float) -> Placed:
        return _Placed(self.height, lambda *_: None)


@dataclass(frozen=True)
class SealBox:
    """The registered seal impression (印影) in a framed box, with its label."""

    text: str
    shape: str
    size: float
    label: str = "印影"

    def measure(self, sheet: Sheet, width: float) -> Placed:
        box = max(self.size + 24, 84)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            c = sheet.canvas
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(1.0)
            c.rect(x, top - box, width, box, stroke=1, fill=0)
            c.setLineWidth(0.4)
            c.line(x + 64, top, x + 64, top - box)
            _lines(sheet, x + 3, top, box, [self.label], 8.0, "gothic")
            draw_seal(sheet, x + 64 + (width - 64) / 2, top - box / 2, self.size, self.text, self.shape)

        return _Placed(box, paint)


@dataclass(frozen=True)
class Certification:
    """証明文, date, mayor's name and the official seal drawn over its end."""

    sentence: str
    meta: DocumentMeta
    date_text: str

    def measure(self, sheet: Sheet, width: float) -> Placed:
        sentence = Paragraph(self.sentence, size=11, before=10, after=6, indent=12).measure(sheet, width)
        height = sentence.height + 70

        def paint(sheet: Sheet, x: float, top: float) -> None:
            sentence.draw(sheet, x, top)
            y = top - sentence.height
            sheet.text(x + 24, y - 14, self.date_text, size=11)
            issuer = self.meta.issuer
            mayor = f"{issuer.full_name}{issuer.mayor_title}　{issuer.mayor_name}".strip()
            right = x + width - 58
            sheet.text(right, y - 44, mayor, size=13, align="right")
            draw_seal(sheet, right + 28, y - 40, 54, issuer.seal_text, "square")

        return _Placed(height, paint)


# ── seals ──────────────────────────────────────────────────────────────────────
def draw_seal(sheet: Sheet, cx: float, cy: float, size: float, legend: str, shape: str) -> None:
    """A red seal: characters in vertical columns read right to left, in a round or square rim."""
    c = sheet.canvas
    c.saveState()
    c.setStrokeColorRGB(*SEAL_RED)
    c.setFillAlpha(0.88)
    c.setStrokeAlpha(0.88)
    rim = max(1.2, size * 0.05)
    c.setLineWidth(rim)
    if shape == "round":
        c.circle(cx, cy, size / 2 - rim / 2, stroke=1, fill=0)
        inner = size * 0.66
    else:
        c.rect(cx - size / 2 + rim / 2, cy - size / 2 + rim / 2, size - rim, size - rim, stroke=1, fill=0)
        inner = size * 0.8
    n = max(1, len(legend))
    cols = 1 if n <= 2 else 2 if n <= 4 else 3
    rows = math.ceil(n / cols)
    cell = inner / max(rows, cols)
    glyph = cell * 0.92
    col_h = rows * cell
    for i, ch in enumerate(legend):
        col, row = divmod(i, rows)
        in_col = min(rows, n - col * rows)            # a short last column is centred
        x = cx + (cols / 2 - col - 0.5) * (inner / cols)
        y_top = cy + col_h / 2 - (rows - in_col) * cell / 2
        y = y_top - (row + 1) * cell + (cell - glyph) / 2 + glyph * 0.12
        sheet.text(x, y, ch, size=glyph, font="mincho", align="centre", color=SEAL_RED)
    c.restoreState()
    sheet.forget_colour()


# ── page furniture: background, QR ─────────────────────────────────────────────
def _define_pattern(sheet: Sheet) -> None:
    """地紋: fine diagonal hatching over the page, and the latent word 複写 cross-hatched.

    Drawn once per document as a form and reused on every page. With the font file, the word
    is vector outlines, so its operators are the same for every document: they are made once
    per process and pasted in."""
    c = sheet.canvas
    c.beginForm(PATTERN_FORM)
    if sheet.fonts.gothic_file is None:
        _draw_pattern(sheet)
    else:
        c.addLiteral(_pattern_ops(sheet.fonts, sheet.width, sheet.height))
    c.endForm()


@lru_cache(maxsize=4)
def _pattern_ops(fontset: FontSet, w: float, h: float) -> str:
    scratch = rl_canvas.Canvas(io.BytesIO(), pagesize=(w, h), initialFontName=fontset.mincho)
    mark = len(scratch._code)
    _draw_pattern(Sheet(scratch, fontset, (w, h)))
    return "\n".join(scratch._code[mark:])


def _draw_pattern(sheet: Sheet) -> None:
    c = sheet.canvas
    w, h = sheet.width, sheet.height
    c.saveState()
    c.setStrokeColorRGB(*PATTERN_INK)
    c.setLineWidth(0.25)
    p = c.beginPath()
    step = 4.2
    d = -h
    while d < w:
        p.moveTo(d, 0)
        p.lineTo(d + h, h)
        d += step
    c.drawPath(p, stroke=1, fill=0)
    size = min(w, h) * 0.2
    word_w = sheet.width_of(LATENT_WORD, size, "gothic")
    spots = [(w * fx - word_w / 2, h * fy) for fx, fy in LATENT_SPOTS]
    for x, y in spots:
        c.saveState()
        _clip_to_word(sheet, x, y, size)
        q = c.beginPath()
        d = -size
        while d < word_w:
            q.moveTo(x + d, y + size)
            q.lineTo(x + d + size * 1.2, y - size * 0.2)
            d += 2.1
        c.setLineWidth(0.3)
        c.drawPath(q, stroke=1, fill=0)
        c.restoreState()
    c.restoreState()


def _clip_to_word(sheet: Sheet, x: float, y: float, size: float) -> None:
    """Clip to the latent word's letter shapes: vector outlines from the font file, so the
    pattern carries no text; without a font file, glyphs in text render mode 7 (clip)."""
    c = sheet.canvas
    if sheet.fonts.gothic_file is None:
        t = c.beginText(x, y)
        t.setTextRenderMode(7)
        t.setFont(sheet.fonts.gothic, size)
        t.textOut(LATENT_WORD)
        c.drawText(t)
        return
    ops, _ = outline(sheet.fonts.gothic_file, LATENT_WORD)
    p = c.beginPath()
    for op, pts in ops:
        xy = [x + v * size if i % 2 == 0 else y + v * size for i, v in enumerate(pts)]
        if op == "M":
            p.moveTo(*xy)
        elif op == "L":
            p.lineTo(*xy)
        elif op == "C":
            p.curveTo(*xy)
        else:
            p.close()
    c.clipPath(p, stroke=0, fill=0, fillMode=0)


QR_MASK = 2  # any of the 8 masks is valid; a fixed one skips 8 trial encodings per document

# The Reed–Solomon generator polynomial depends only on the number of EC codewords, yet the
# encoder rebuilds it for every block of every code (a third of the encoding time). It is a
# pure function whose result is never mutated, so remembering it is safe.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
        lru_cache(maxsize=64)(qrencoder.QRUtil.getErrorCorrectPolynomial))


def qr_modules(payload: str) -> list[list[bool]]:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, QR_MASK)
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, col)) for col in range(n)] for r in range(n)]


def draw_qr(sheet: Sheet, x: float, y: float, size: float, payload: str) -> None:
    """The QR code as one path of horizontal runs, on a white quiet zone."""
    modules = qr_modules(payload)
    n = len(modules)
    cell = size / (n + 4)
    c = sheet.canvas
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    # A few hundred rectangles: written as operators directly (ReportLab's per-number
    # formatting would cost more than the whole rest of the page).
    ops = []
    for r, row in enumerate(modules):
        top = y + size - (r + 2) * cell
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{x + (start + 2) * cell:.2f} {top - cell:.2f} {(col - start) * cell:.2f} {cell:.2f} re")
            else:
                col += 1
    c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()
    sheet.forget_colour()


def _define_verification(sheet: Sheet, payload: str, x: float, y: float) -> None:
    """Drawn last on every page: the marker, the payload in small type, and the QR code."""
    c = sheet.canvas
    c.beginForm(VERIFY_FORM)
    sheet.forget_colour()
    qr = 62.0
    sheet.text(x + qr + 6, y + qr - 7, verification.MARKER, size=6.5, font="gothic")
    chunk = 48
    for i in range(0, len(payload), chunk):
        sheet.text(x + qr + 6, y + qr - 16 - (i // chunk) * 7.0, payload[i:i + chunk], size=5.6,
                   font="gothic")
    draw_qr(sheet, x, y, qr, payload)
    c.endForm()


# ── composition and rendering ─────────────────────────────────────────────────
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


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    page_texts: list[str] = field(default_factory=list)
    payload: str | None = None


FOOTER_H = 78.0
TITLE_H = 52.0


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
    footer_h = FOOTER_H if comp.secured else 24.0
    available = sheet.height - 2 * m - TITLE_H - header_h - footer_h
    pages = paginate([p.height for p in body], sum(p.height for p in closing), available)

    pattern_text = _pattern_text(fontset) if comp.secured else ""
    for n, indices in enumerate(pages, start=1):
        if n > 1:
            sheet.next_page()
        if comp.secured:
            sheet.use_form(PATTERN_FORM, pattern_text)
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
        _define_pattern(sheet)
        _define_verification(sheet, payload, m, m)
    c.save()
    return Rendered(buf.getvalue(), len(pages), page_texts, payload)


def _pattern_text(fontset: FontSet) -> str:
    """What the pattern form writes, as a text extractor sees it: nothing when the latent word
    is drawn from outlines; the clipping text otherwise."""
    return "" if fontset.gothic_file else LATENT_WORD * len(LATENT_SPOTS)


def _footer(sheet: Sheet, comp: Composition, page: int, pages: int) -> None:
    m = comp.margin
    c = sheet.canvas
    y = m
    sheet.text(sheet.width - m, y + 2, f"{page}/{pages}", size=9, font="gothic", align="right")
    if comp.meta:
        sheet.text(sheet.width - m, y + 14, f"発行番号 {comp.meta.document_id}", size=7.5,
                   font="gothic", align="right")
    note_y = y + (FOOTER_H if comp.secured else 24.0) - 12
    for note in comp.footer_notes:
        sheet.text(sheet.width - m, note_y, note, size=6.5, font="gothic", align="right")
        note_y -= 9
    if comp.secured:
        c.setStrokeColorRGB(*RULE)
        c.setLineWidth(0.3)
        c.line(m, y + FOOTER_H - 4, sheet.width - m, y + FOOTER_H - 4)
        sheet.use_form(VERIFY_FORM)
