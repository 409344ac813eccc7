"""Tables whose rows share one set of column lines, and a block that keeps a tail with them.

The toolkit's `Grid` sizes each row's cells on their own, so two rows with different cells
have their vertical lines a few points apart. A `ColumnGrid` fixes the columns first (each a
share of the width) and lets a cell span several; every cell starting in a column gets that
column's label width, wide enough for the longest label starting there on one line (a label
that wraps overflows its row). It then hands the toolkit exact widths, so every line lands
on a column boundary or on that column's label line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from certificates_templates.toolkit import Block, Cell, Grid, Paragraph
from certificates_templates.toolkit.sheet import Measured, Placed, Sheet

LABEL_SIZE = 8.0      # the toolkit's label size
LABEL_PAD = 8.0       # 3 pt each side of the label, and a little air
BLANK_BELOW = "以下余白"


@dataclass(frozen=True)
class Span:
    """A cell over `columns` columns, from where the previous cell ended."""

    cell: Cell
    columns: int = 1


def _span(item: Cell | Span) -> Span:
    return item if isinstance(item, Span) else Span(item)


@dataclass(frozen=True)
class ColumnGrid:
    """A bordered table on fixed columns: `columns` are the shares of the width; each row's
    cells (or `Span`s) cover every column exactly."""

    columns: tuple[float, ...]
    rows: tuple[tuple[Cell | Span, ...], ...]
    heading: str | None = None
    min_row: float = 17.0
    peers: tuple[ColumnGrid, ...] = ()   # tables whose label lines this one shares

    def __post_init__(self) -> None:
        for row in self.rows:
            if sum(_span(i).columns for i in row) != len(self.columns):
                raise ValueError(f"a row must cover the {len(self.columns)} columns: {row}")
        if any(len(p.columns) != len(self.columns) for p in self.peers):
            raise ValueError("peers share the columns")

    def label_widths(self, sheet: Sheet) -> list[float]:
        """Each column's label width: the widest its own cells and its peers' need."""
        own = self._label_widths(sheet)
        for peer in self.peers:
            own = [max(a, b) for a, b in zip(own, peer._label_widths(sheet))]
        return own

    def _label_widths(self, sheet: Sheet) -> list[float]:
        """Each column's cells' own label widths, widened to fit their labels on one line."""
        widths = [0.0] * len(self.columns)
        for row in self.rows:
            at = 0
            for item in map(_span, row):
                label = item.cell.label
                if label is not None:
                    need = sheet.width_of(label, LABEL_SIZE, "gothic") + LABEL_PAD
                    widths[at] = max(widths[at], item.cell.label_width, need)
                at += item.columns
        return widths

    def grid(self, sheet: Sheet, width: float) -> Grid:
        """The toolkit grid with every cell's widths set: a value's `weight` is its width."""
        total = sum(self.columns)
        edges = [0.0]
        for share in self.columns:
            edges.append(edges[-1] + width * share / total)
        labels = self.label_widths(sheet)
        rows = []
        for row in self.rows:
            at, cells = 0, []
            for item in map(_span, row):
                box = edges[at + item.columns] - edges[at]
                lw = labels[at] if item.cell.label is not None else 0.0
                cells.append(replace(item.cell, label_width=lw, weight=box - lw))
                at += item.columns
            rows.append(tuple(cells))
        return Grid(tuple(rows), heading=self.heading, min_row=self.min_row)

    def measure(self, sheet: Sheet, width: float) -> Placed:
        return self.grid(sheet, width).measure(sheet, width)


def same_labels(grids: list[ColumnGrid]) -> list[ColumnGrid]:
    """The tables of one document with every column's label line in the same place."""
    return [replace(g, peers=tuple(o for o in grids if o is not g)) for g in grids]


@dataclass(frozen=True)
class Followed:
    """A block and what must stay on its page under it (以下余白 under the last table)."""

    block: Block
    tail: Block

    def measure(self, sheet: Sheet, width: float) -> Placed:
        first, second = self.block.measure(sheet, width), self.tail.measure(sheet, width)

        def paint(sheet: Sheet, x: float, top: float) -> None:
            first.draw(sheet, x, top)
            second.draw(sheet, x, top - first.height)

        return Measured(first.height + second.height, paint)


def blank_below(last: Block) -> Followed:
    """The last table with 以下余白 right under it, on its page: nothing can be added below."""
    return Followed(last, Paragraph(BLANK_BELOW, size=9, align="right", before=3, after=2))
