"""Textual's layout containers as the kiosk uses them: blank (`BLANK`), drawing nothing of
their own but their background, and that as one blank strip a row.

Every frame composes every container on screen through Textual's line cache and style
lookups, as it does a widget with text, and a shown screen redraws its own background row
by row: a tenth of a headless session went on drawing blanks. None of these has a border or
an outline (what `BLANK` would leave undrawn): a container that has one (the staff panel's
frame) stays Textual's own. The same names, so the stylesheet's type selectors still match.
"""

from __future__ import annotations

from textual import containers


class Vertical(containers.Vertical):
    BLANK = True


class Horizontal(containers.Horizontal):
    BLANK = True


class Grid(containers.Grid):
    BLANK = True


class VerticalScroll(containers.VerticalScroll):
    BLANK = True
