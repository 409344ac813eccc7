"""Whether what a screen shows fits on it: every button's label inside the button, every button
(and check box) wholly on screen and big enough for a finger (3 rows × 10 columns), every text
shown in full (not cut at the right edge, nor below its last line); and whether its lines break
where a reader expects (`badly_broken`: no line of a text starts with a closing mark nor ends
with an opening one, 禁則処理, and no text ends on a line of one character).

Read off what the terminal paints: the text inside each widget's region of the screen (CJK
characters take two cells) must hold all of the widget's own text. A label wider than its
button, a line running past the edge, a second line where there is room for one, a button
scrolled out of sight or covered by another widget: each leaves some of the text unpainted
there.
"""

from __future__ import annotations

import re
from functools import partial

from rich.cells import cell_len
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

from kiosk.app.prose import NO_END, NO_START, ideographic
from kiosk.app.textual_internals import screen_rows

SPACE = re.compile(r"\s+")
#: The smallest target a finger hits (rows, columns).
TARGET = (3, 10)


def _cells(line: str, left: int, right: int) -> str:
    """The characters of `line` that lie wholly in the columns [left, right)."""
    out, x = [], 0
    for char in line:
        width = cell_len(char)
        if x >= left and x + width <= right:
            out.append(char)
        x += width
    return "".join(out)


def painted(rows: list[str], region: Region) -> str:
    """What the screen shows inside `region`, row after row."""
    return "".join(_cells(rows[y], region.x, region.right) if y < len(rows) else ""
                   for y in range(region.y, region.bottom))


def painted_lines(screen: Screen, widget: Widget) -> list[str]:
    """The lines `widget` shows as painted now, each trimmed of spaces at both ends."""
    rows, region = screen_rows(screen), screen.find_widget(widget).visible_region
    lines = (_cells(rows[y], region.x, region.right).strip() if y < len(rows) else ""
             for y in range(region.y, region.bottom))
    return [line for line in lines if line]


def _shown(widget: Widget) -> bool:
    return all(node.display and node.visible for node in widget.ancestors_with_self
               if isinstance(node, Widget))


def _own_text(widget: Widget) -> str:
    if isinstance(widget, (Button, Checkbox)):
        return str(widget.label)
    plain = getattr(widget.visual, "plain", None) if isinstance(widget, Static) else None
    return plain or ""


def _name(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


def _texts(screen: Screen, leave_out: str | None) -> list[Widget]:
    """The widgets shown on `screen` (not in `leave_out`) with text of their own."""
    left_out = set(screen.query(leave_out)) if leave_out else set()
    return [widget for widget in screen.query(Widget)
            if _shown(widget) and not left_out.intersection(widget.ancestors_with_self)
            and (isinstance(widget, (Button, Checkbox)) or isinstance(widget, Static)
                 and SPACE.sub("", _own_text(widget)))]


def badly_broken(screen: Screen, *, leave_out: str | None = None) -> list[str]:
    """Every line a text is broken into on `screen` (as painted) that starts with a mark no
    line may start with (」。、ー ッ…), or ends with one no line may end with (「（…), other
    than where the text itself starts or ends a line; and every Japanese or Chinese line of
    one character that a break left at the end of a text (「必要で」 / 「す。」)."""
    found = []
    for widget in _texts(screen, leave_out):
        if isinstance(widget, (Button, Checkbox)):
            continue                                 # a label of one line
        paragraphs = [SPACE.sub("", line) for line in _own_text(widget).split("\n")]
        starts, at = set(), 0                        # where the text's own lines start and end
        for paragraph in paragraphs:
            starts.add(at)
            at += len(paragraph)
        ends = {start for start in starts if start} | {at}
        at = 0
        for line in map(partial(SPACE.sub, ""), painted_lines(screen, widget)):
            broken, at = at not in starts, at + len(line)
            if broken and line[0] in NO_START:
                found.append(f"{_name(widget)}: a line starts with {line[0]!r}: {line!r}")
            if line[-1] in NO_END and at not in ends:
                found.append(f"{_name(widget)}: a line ends with {line[-1]!r}: {line!r}")
            if broken and at in ends and ideographic(line[0]) and _lone(line):
                found.append(f"{_name(widget)}: a line of one character ends a text: {line!r}")
    return found


def _lone(line: str) -> bool:
    """One character and its closing marks (一字残り: 「す。」)."""
    return sum(char not in NO_START for char in line) <= 1


def misfits(screen: Screen, *, leave_out: str | None = None) -> list[str]:
    """What does not fit on `screen` as it is painted now, one line each (none: it fits).
    `leave_out`: a selector of parts not looked into (a list meant to scroll)."""
    rows = screen_rows(screen)
    found = []
    for widget in _texts(screen, leave_out):
        touched = isinstance(widget, (Button, Checkbox))
        text = SPACE.sub("", _own_text(widget))
        geometry = screen.find_widget(widget)
        region = geometry.region
        where = f"{_name(widget)} {text[:30]!r}"
        if touched and not (region and screen.region.contains_region(region)
                            and geometry.clip.contains_region(region)):
            found.append(f"{where}: not wholly on screen ({region}, seen {geometry.visible_region})")
            continue
        if isinstance(widget, Button) and (region.height < TARGET[0] or region.width < TARGET[1]):
            found.append(f"{where}: a target of {region.height}×{region.width}, under 3×10")
        if text and text not in SPACE.sub("", painted(rows, geometry.visible_region)):
            seen = SPACE.sub("", painted(rows, geometry.visible_region))
            found.append(f"{where}: {'label clipped' if touched else 'text cut'} (shows {seen!r})")
    return found


class Fits:
    """A tour's `Check`: everything on the screen fits (`misfits`)."""

    def look(self, where: str, screen: Screen, leave_out: str | None) -> list[str]:
        return misfits(screen, leave_out=leave_out)


class BreaksWell:
    """A tour's `Check`: the lines of its texts break where a reader expects (`badly_broken`)."""

    def look(self, where: str, screen: Screen, leave_out: str | None) -> list[str]:
        return badly_broken(screen, leave_out=leave_out)
