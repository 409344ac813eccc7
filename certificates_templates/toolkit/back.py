"""The back side (裏面) of every sheet: the 地紋 again, the sheet's number, and the signed
record as dense 2D codes — this simulator's analogue of J-LIS's scramble image, which encodes
the front.

A kiosk prints each sheet on both sides, and J-LIS puts the scramble image of a sheet's front
on that sheet's back: every sheet can be checked by itself, and a sheet taken out or put in is
seen (戸籍法施行規則 第12条 asks the same of a 謄抄本 of several sheets: each sheet marked against
加除). So the PDF is the sheets in order, each front followed by its back; each back carries the
whole record (a few KB: the same codes on every back, drawn once as a form XObject) and says
which sheet of how many it is.

The record (`certificates_templates.record`) holds the document's data; the copy's marks (its
発行番号 and verification code, which signs the record's digest) are drawn here as on every
front page. `kiosk verify` reads the codes off the last back's pixels, checks the signature and
draws every sheet again from the record to compare it with what it was handed.

The codes: one per part of the record (usually one), in up to two columns and three rows,
their modules 0.55 mm (smaller, down to 0.4 mm, when many parts must share the page).
"""

from __future__ import annotations

import math

from reportlab.lib.units import mm

from certificates_templates import record as records
from certificates_templates.documents import DocumentDataError
from certificates_templates.toolkit.pattern import draw_pattern
from certificates_templates.toolkit.qr import code_size, draw_code
from certificates_templates.toolkit.sheet import Sheet

BACK_TITLE = "（裏面）"
RECORD_FORM = "record"
BACK_NOTE = "この面の符号には、表面の記載事項が発行元の電子署名とともに記録されています。"
MODULE = 0.55 * mm
MIN_MODULE = 0.4 * mm
QUIET = 4
GAP = 8 * mm


def draw_back(sheet: Sheet, title: str, margin: float) -> None:
    """A sheet's back (the canvas already on a fresh page): the record's codes are the form
    `RECORD_FORM` (`draw_record`); the sheet's number and the copy marks are drawn after."""
    draw_pattern(sheet)
    top = sheet.height - margin
    sheet.text(sheet.width / 2, top - 20, f"{title}{BACK_TITLE}", size=12, font="mincho",
               align="centre")
    sheet.text(sheet.width / 2, top - 36, BACK_NOTE, size=8, font="gothic", align="centre")
    sheet.use_form(RECORD_FORM)


def draw_record(sheet: Sheet, record: bytes, margin: float, footer: float) -> None:
    """The record's codes, where every back shows them (drawn into `RECORD_FORM`). Raises
    DocumentDataError when the record is too large for them."""
    top = sheet.height - margin
    try:
        parts = records.split(record)
    except records.RecordError as exc:
        raise DocumentDataError(str(exc)) from None
    cols = 1 if len(parts) == 1 else 2
    rows = math.ceil(len(parts) / cols)
    area_w = sheet.width - 2 * margin
    area_top, area_bottom = top - 52, margin + footer
    area_h = area_top - area_bottom
    widest = max(code_size(p, 1.0, QUIET) for p in parts)     # in modules
    module = min(MODULE, (area_w - (cols - 1) * GAP) / cols / widest,
                 (area_h - (rows - 1) * GAP) / rows / widest)
    if module < MIN_MODULE:
        raise DocumentDataError("the record is too large for the codes on the back page")
    cell = widest * module
    grid_w, grid_h = cols * cell + (cols - 1) * GAP, rows * cell + (rows - 1) * GAP
    left = (sheet.width - grid_w) / 2
    upper = area_bottom + (area_h + grid_h) / 2
    for i, part in enumerate(parts):
        row, col = divmod(i, cols)
        size = code_size(part, module, QUIET)
        x = left + col * (cell + GAP) + (cell - size) / 2
        y = upper - row * (cell + GAP) - (cell + size) / 2
        draw_code(sheet, x, y, size, part, quiet=QUIET)
