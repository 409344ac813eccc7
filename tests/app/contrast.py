"""How well the text on a screen stands out from what is behind it: the WCAG 2 contrast ratio
of each cell's foreground and background colours, as Textual hands them to the terminal.

The colours are read cell by cell with `Screen.get_style_at` (public): the style of the
segment painted there, after the app's line filters, so a dimmed text (`dim`, `text-opacity`)
comes as the blended colour a terminal shows, and a theme's colours as true colours. (The
SVG of `App.export_screenshot` holds the same colours, but as CSS classes on text runs and
rectangles to be matched back to cells, in a layout Rich may change.)

Thresholds, for a kiosk read standing, at arm's length (60–70 cm), on a screen in a shop's
light: 7:1 (WCAG AAA, 1.4.6) for every text a person must read; 4.5:1 (AA, 1.4.3) for the
label of a disabled button (コピー, プリント, an offer refused): WCAG asks nothing of an
inactive control, but a person still reads it to learn that the service is there and not
for them now, so it must stay legible, only plainly fainter than the live ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.color import Color
from textual.screen import Screen
from textual.widgets import Button

from kiosk.app.textual_internals import screen_rows

READ = 7.0            # text a person must read (AAA)
DISABLED = 4.5        # a disabled button's label (AA)


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(foreground: Color, background: Color) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_text(char: str) -> bool:
    """A character a person reads: not a space, nor a line or block of a border, a button's
    edge, a progress bar or a scrollbar (box drawing and block elements)."""
    return not char.isspace() and not "\u2500" <= char <= "\u259f"


@dataclass(frozen=True)
class Cell:
    ratio: float
    char: str
    x: int
    y: int
    widget: str

    def __str__(self) -> str:
        return f"{self.ratio:.2f}:1 at {self.char!r} ({self.x},{self.y}) in {self.widget}"


@dataclass
class Lowest:
    """The lowest contrast found on a screen, for text to read and for disabled labels."""

    read: Cell | None = None
    disabled: Cell | None = None

    def note(self, cell: Cell, disabled: bool) -> None:
        kind = "disabled" if disabled else "read"
        lowest = getattr(self, kind)
        if lowest is None or cell.ratio < lowest.ratio:
            setattr(self, kind, cell)

    def failures(self) -> list[str]:
        found = []
        if self.read is not None and self.read.ratio < READ:
            found.append(f"text below {READ}:1: {self.read}")
        if self.disabled is not None and self.disabled.ratio < DISABLED:
            found.append(f"disabled label below {DISABLED}:1: {self.disabled}")
        return found

    def __str__(self) -> str:
        read = f"{self.read.ratio:.2f}" if self.read else "-"
        disabled = f"{self.disabled.ratio:.2f}" if self.disabled else "-"
        return f"text {read}:1, disabled {disabled}:1"


@dataclass
class Measure:
    """Every text cell of `screen`: its contrast, noted in `lowest`."""

    lowest: Lowest = field(default_factory=Lowest)

    def screen(self, screen: Screen) -> Lowest:
        for y, row in enumerate(screen_rows(screen)):
            x = 0
            for char in row:
                if is_text(char):
                    self._cell(screen, char, x, y)
                x += cell_len(char)
        return self.lowest

    def _cell(self, screen: Screen, char: str, x: int, y: int) -> None:
        style = screen.get_style_at(x, y)
        widget, _ = screen.get_widget_at(x, y)
        foreground, background = style.color, style.bgcolor
        if style.reverse:
            foreground, background = background, foreground
        name = f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__
        if foreground is None or background is None:
            raise AssertionError(f"no colour for {char!r} at ({x},{y}) in {name}: {style}")
        disabled = isinstance(widget, Button) and widget.is_disabled
        self.lowest.note(Cell(contrast(foreground, background), char, x, y, name), disabled)


@dataclass
class ReadsAtArmsLength:
    """A tour's `Check`: the lowest contrast on each screen (`lowest`), failing below the
    thresholds. The card tray's list of cards is looked into too: its colours are not left
    out with its text."""

    lowest: dict[str, Lowest] = field(default_factory=dict)

    def look(self, where: str, screen: Screen, leave_out: str | None) -> list[str]:
        lowest = self.lowest[where] = Measure().screen(screen)
        return lowest.failures()

    def table(self) -> str:
        """Each screen's lowest contrast, a line each."""
        width = max(map(cell_len, self.lowest), default=0)
        return "\n".join(f"{where}{' ' * (width - cell_len(where))}  {lowest}"
                         for where, lowest in self.lowest.items())
