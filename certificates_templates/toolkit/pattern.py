"""地紋: fine diagonal hatching over the page, and the latent word 複写 cross-hatched, so that
a photocopy carries the warning."""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates.fonts import FontSet, outline
from certificates_templates.toolkit.sheet import Sheet

PATTERN_INK = (0.78, 0.88, 0.85)
PATTERN_FORM = "chimon"
LATENT_WORD = "複写"  # shows up in the pattern: photocopies carry the warning
LATENT_SPOTS = tuple((fx, fy) for fy in (0.2, 0.48, 0.76) for fx in (0.28, 0.72))


def define_pattern(sheet: Sheet) -> None:
    """Define the pattern form, drawn once per document and reused on every page.

    With the font file, the word is vector outlines, so its operators are the same for every
    document: they are made once per process and pasted in."""
    c = sheet.canvas
    c.beginForm(PATTERN_FORM)
    if sheet.fonts.gothic_file is None:
        _draw_pattern(sheet)
    else:
        c.addLiteral(_pattern_ops(sheet.fonts, sheet.width, sheet.height))
    c.endForm()


def pattern_text(fontset: FontSet) -> str:
    """What the pattern form writes, as a text extractor sees it: nothing when the latent word
    is drawn from outlines; the clipping text otherwise."""
    return "" if fontset.gothic_file else LATENT_WORD * len(LATENT_SPOTS)


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
