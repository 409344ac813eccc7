"""地紋: the copy-deterrent background, on the front and on the back, with the latent word 複写
that is hidden on the original and comes out on a photocopy.

It works as the real paper's does. The page is a lattice of cells (0.76 mm) carrying the same amount
of ink each: inside the latent word one solid dot per cell, elsewhere the same number of
pin-point dots spread over the cell. Seen on the paper (or at 150 dpi) both average to the
same light tint, so the word does not stand out. A copier blurs what it scans, then keeps as
ink whatever is darker than its threshold: the spread pin-points blur into a tint lighter than
the threshold and vanish, the solid dots stay dark enough to be kept — and the word appears
(tests/certificates/test_pattern.py measures both).

The lattice is one bitmap (an image mask at 300 dpi in the pattern's ink), made once per
process and page size, compressed once and embedded as it is in every document.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from reportlab.pdfbase import pdfdoc

from certificates_templates.fonts import FontSet
from certificates_templates.toolkit.sheet import Sheet

PATTERN_INK = (0.42, 0.58, 0.55)
PATTERN_FORM = "chimon"
LATENT_WORD = "複写"    # shows up on a photocopy: the footer says so
FALLBACK_WORD = "COPY"  # without the Japanese font file the word cannot be drawn as 複写
LATENT_SPOTS = tuple((fx, fy) for fy in (0.2, 0.48, 0.76) for fx in (0.28, 0.72))
DPI = 300
CELL = 9                # pixels (0.76 mm): the lattice
DOT = 3                 # the word's solid dot: 3 × 3 pixels (0.25 mm)…
SPREAD = 3              # …the background's 3 × 3 pin-points, 3 pixels (0.25 mm) apart


def draw_pattern(sheet: Sheet) -> None:
    """The 地紋 under everything else on the page (the first thing drawn on it)."""
    c = sheet.canvas
    doc = c._doc
    name = doc.getXObjectName(PATTERN_FORM)
    if name not in doc.idToObject:          # once per document, shared by every page
        doc.Reference(_LatentMask(*_bitmap(sheet.fonts, sheet.width, sheet.height)), name)
    c.saveState()
    c.setFillColorRGB(*PATTERN_INK)
    c.transform(sheet.width, 0, 0, sheet.height, 0, 0)
    c.doForm(PATTERN_FORM)
    c.restoreState()
    sheet.forget_colour()


def latent_cells(fontset: FontSet, w: float, h: float):
    """Which lattice cells of a page of w × h points are the latent word's: a PIL image of one
    pixel a cell (255: the word), the lattice's first cell at the page's top left."""
    width, height = round(w / 72 * DPI), round(h / 72 * DPI)
    return _word_cells(fontset, -(-width // CELL), -(-height // CELL)).convert("L")


class _LatentMask(pdfdoc.PDFObject):
    """The lattice as a 1-bit image mask: set bits are painted in the current fill colour."""

    def __init__(self, width: int, height: int, data: bytes) -> None:
        self.width, self.height, self.data = width, height, data

    def format(self, document):
        stream = pdfdoc.PDFStream(content=self.data)
        entries = stream.dictionary
        entries["Type"] = pdfdoc.PDFName("XObject")
        entries["Subtype"] = pdfdoc.PDFName("Image")
        entries["Width"] = self.width
        entries["Height"] = self.height
        entries["ImageMask"] = "true"
        entries["Decode"] = pdfdoc.PDFArray([1, 0])
        entries["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return stream.format(document)


@lru_cache(maxsize=4)
def _bitmap(fontset: FontSet, w: float, h: float) -> tuple[int, int, bytes]:
    """(width, height, deflated rows) of the lattice for a page of w × h points."""
    from PIL import Image

    width, height = round(w / 72 * DPI), round(h / 72 * DPI)
    cols, rows = -(-width // CELL), -(-height // CELL)
    word = _word_cells(fontset, cols, rows)
    solid, spread = _cell("solid"), _cell("spread")
    lattice = Image.new("1", (cols * CELL, rows * CELL), 0)
    background = _tiled(spread, cols, rows)
    lattice.paste(background, (0, 0))
    foreground = _tiled(solid, cols, rows)
    lattice.paste(foreground, (0, 0), word.resize(lattice.size, Image.Resampling.NEAREST))
    return width, height, zlib.compress(lattice.crop((0, 0, width, height)).tobytes(), 9)


def _cell(kind: str):
    from PIL import Image, ImageDraw

    cell = Image.new("1", (CELL, CELL), 0)
    draw = ImageDraw.Draw(cell)
    if kind == "solid":
        o = (CELL - DOT) // 2
        draw.rectangle((o, o, o + DOT - 1, o + DOT - 1), fill=1)
    else:
        o = (CELL - (DOT - 1) * SPREAD - 1) // 2
        for i in range(DOT):
            for j in range(DOT):
                draw.point((o + i * SPREAD, o + j * SPREAD), fill=1)
    return cell


def _tiled(cell, cols: int, rows: int):
    from PIL import Image

    row = Image.new("1", (cols * CELL, CELL), 0)
    for x in range(cols):
        row.paste(cell, (x * CELL, 0))
    sheet = Image.new("1", (cols * CELL, rows * CELL), 0)
    for y in range(rows):
        sheet.paste(row, (0, y * CELL))
    return sheet


def _word_cells(fontset: FontSet, cols: int, rows: int):
    """Which cells belong to the latent word: a cell is the word's when most of it is."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 4                                   # the letters drawn at 4 px a cell, then pooled
    mask = Image.new("L", (cols * scale, rows * scale), 0)
    size = round(min(cols, rows) * scale * 0.2)
    if fontset.gothic_file is not None:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(fontset.gothic_file), size)
        text = LATENT_WORD
    else:
        font, text = ImageFont.load_default(size), FALLBACK_WORD
    draw = ImageDraw.Draw(mask)
    for fx, fy in LATENT_SPOTS:
        draw.text((mask.width * fx, mask.height * (1 - fy)), text, font=font, fill=255, anchor="ms")
    return mask.resize((cols, rows), Image.Resampling.BOX).point(lambda v: 255 if v >= 128 else 0)\
        .convert("1")
