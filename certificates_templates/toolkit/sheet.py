"""The sheet: a canvas that remembers the text it writes, and the block protocol layouts use.

Everything written goes through `Sheet.text`, which remembers it in drawing order: that is the
text the content digest is computed from (see `certificates_templates.verification`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates.fonts import FontSet
from certificates_templates.text import width

INK = (0.08, 0.08, 0.1)
RULE = (0.25, 0.25, 0.3)


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
             align: str = "left", color: tuple[float, float, float] = INK,
             hscale: float = 100.0) -> None:
        """One line of text; `hscale` (per cent) widens or narrows the letters (a seal's)."""
        if not s:
            return
        c = self.canvas
        if color != self._color:
            c.setFillColorRGB(*color)
            self._color = color
        if hscale != 100.0:
            w = self.width_of(s, size, font) * hscale / 100
            t = c.beginText(x - (w / 2 if align == "centre" else w if align == "right" else 0), y)
            t.setFont(self.face(font), size)
            t.setHorizScale(hscale)
            t.textOut(s)
            c.drawText(t)
            self.pages[-1].append(s)
            return
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
class Measured:
    """A block measured for a width: its height, and how to paint it at (x, top)."""

    height: float
    paint: Callable[[Sheet, float, float], None]

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        self.paint(sheet, x, top)


def lines_in_box(sheet: Sheet, x: float, top: float, h: float, lines: Sequence[str], size: float,
                 font: str) -> None:
    """Lines of text centred vertically in a box of height `h` whose top is `top`."""
    leading = size * 1.3
    block = len(lines) * leading
    y = top - (h - block) / 2 - size * 1.02
    for line in lines:
        sheet.text(x, y, line, size=size, font=font)
        y -= leading
