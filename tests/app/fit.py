"""Whether what a screen shows fits on it: every button's label inside the button, every button
(and check box) wholly on screen and big enough for a finger (3 rows × 10 columns), every text
shown in full (not cut at the right edge, nor below its last line).

Read off what the terminal paints: the text inside each widget's region of the screen (CJK
characters take two cells) must hold all of the widget's own text. A label wider than its
button, a line running past the edge, a second line where there is room for one, a button
scrolled out of sight or covered by another widget: each leaves some of the text unpainted
there.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

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


def misfits(screen: Screen, *, leave_out: str | None = None) -> list[str]:
    """What does not fit on `screen` as it is painted now, one line each (none: it fits).
    `leave_out`: a selector of parts not looked into (a list meant to scroll)."""
    rows = screen_rows(screen)
    left_out = set(screen.query(leave_out)) if leave_out else set()
    found = []
    for widget in screen.query(Widget):
        if not _shown(widget) or left_out.intersection(widget.ancestors_with_self):
            continue
        touched = isinstance(widget, (Button, Checkbox))
        text = SPACE.sub("", _own_text(widget))
        if not touched and not (isinstance(widget, Static) and text):
            continue
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
