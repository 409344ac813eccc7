"""Reading a printed PDF back as a person would see it: its text through PDFium (the engine of
Chrome's viewer) and its pages as pixels, to check where things landed.

Coordinates are PDF points from the page's lower left (PDFium's); pixel helpers convert.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
from PIL import Image

SCALE = 4.0          # pixels per point when a page is rendered
DARK = 110           # a grey level below this is ink (rules are ~64, the 地紋 ~215)
Box = tuple[float, float, float, float]   # left, bottom, right, top


@dataclass
class Page:
    text: str
    boxes: list[Box]                      # one per character of `text`
    size: tuple[float, float]
    image: Image.Image                    # greyscale, SCALE pixels a point

    def find(self, word: str) -> list[list[Box]]:
        """The character boxes of each occurrence of `word` (spaces and line breaks inside
        an occurrence are skipped, as a reader skips them)."""
        flat = [(ch, box) for ch, box in zip(self.text, self.boxes) if not ch.isspace()]
        chars = "".join(ch for ch, _ in flat)
        hits, at = [], chars.find(word)
        while at >= 0:
            hits.append([box for _, box in flat[at:at + len(word)]])
            at = chars.find(word, at + 1)
        return hits

    def one(self, word: str) -> list[Box]:
        hits = self.find(word)
        assert len(hits) == 1, f"{word!r} found {len(hits)} times"
        return hits[0]

    # ── pixels ──
    def px(self, x: float, y: float) -> tuple[int, int]:
        return round(x * SCALE), round((self.size[1] - y) * SCALE)

    def dark(self, x: float, y: float) -> bool:
        return self.image.getpixel(self.px(x, y)) < DARK

    def rules_across(self, x: float, y_from: float, y_to: float) -> list[float]:
        """Where dark runs cross the vertical at `x` from `y_from` down to `y_to` (each run's
        middle, in points): the horizontal rules a label sits between."""
        column, top, bottom = self.px(x, y_from)[0], self.px(x, y_from)[1], self.px(x, y_to)[1]
        found, run = [], []
        for row in range(top, bottom + 1):
            if self.image.getpixel((column, row)) < DARK:
                run.append(row)
            elif run:
                found.append(self.size[1] - (run[0] + run[-1]) / 2 / SCALE)
                run = []
        if run:
            found.append(self.size[1] - (run[0] + run[-1]) / 2 / SCALE)
        return found

    def vertical_rules(self, x_from: float, x_to: float, y_top: float, y_bottom: float,
                       share: float = 0.95) -> list[float]:
        """x (points) of the vertical lines filling the band from `y_top` down to `y_bottom`:
        columns of pixels dark over `share` of the band (text never fills a whole row)."""
        (left, top), (right, bottom) = self.px(x_from, y_top), self.px(x_to, y_bottom)
        crop = self.image.crop((left, top, right + 1, bottom + 1))
        width, height = crop.size
        pixels = crop.load()
        columns = [c for c in range(width)
                   if sum(pixels[c, r] < DARK for r in range(height)) >= share * height]
        return [(left + c) / SCALE for c in _middles(columns)]


def _middles(columns: list[int]) -> Iterator[float]:
    """Adjacent pixel columns are one line: their middle."""
    run: list[int] = []
    for c in columns + [-10]:
        if run and c != run[-1] + 1:
            yield (run[0] + run[-1]) / 2
            run = []
        run.append(c)


def read(pdf: bytes, *, pixels: bool = True) -> list[Page]:
    """Every page's text and character boxes, and (with `pixels`) its rendering."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            n = textpage.count_chars()
            image = (page.render(scale=SCALE, grayscale=True).to_pil().convert("L") if pixels
                     else Image.new("L", (1, 1)))
            pages.append(Page(textpage.get_text_range(0, n),
                              [textpage.get_charbox(i) for i in range(n)], page.get_size(), image))
        return pages
    finally:
        document.close()


def text_of(pdf: bytes) -> str:
    """All pages' text without white space: what a reader finds, however it is wrapped."""
    return "".join("".join(p.text.split()) for p in read(pdf, pixels=False))


def span(boxes: list[Box]) -> Box:
    """The box around some characters."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def on_one_line(boxes: list[Box]) -> bool:
    """The characters stand on one line: their boxes overlap vertically, left to right."""
    bottom = max(b[1] for b in boxes)
    top = min(b[3] for b in boxes)
    return top > bottom and all(a[0] < b[0] for a, b in zip(boxes, boxes[1:]))


def cell_around(page: Page, boxes: list[Box]) -> tuple[float, float]:
    """The horizontal rules just above and just below a label (scanned between the cell's
    left line and the label's first character): (top, bottom) in points."""
    left, bottom, _, top = span(boxes)
    x = left - 1.2
    above = page.rules_across(x, top + 30, top)
    below = page.rules_across(x, bottom, bottom - 30)
    assert above and below, "a label outside any table"
    return above[-1], below[0]
