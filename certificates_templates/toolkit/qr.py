"""The verification-code block drawn on every page: the marker, the signed payload in small
type, and the same payload as a QR code (see `certificates_templates.verification`)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder

from certificates_templates import verification
from certificates_templates.toolkit.sheet import Sheet

VERIFY_FORM = "verification"
QR_SIZE = 62.0
QR_MASK = 2  # any of the 8 masks is valid; a fixed one skips 8 trial encodings per document

# The Reed–Solomon generator polynomial depends only on the number of EC codewords, yet the
# encoder rebuilds it for every block of every code (a third of the encoding time). It is a
# pure function whose result is never mutated, so remembering it is safe.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
        lru_cache(maxsize=64)(qrencoder.QRUtil.getErrorCorrectPolynomial))


def qr_modules(payload: str) -> list[list[bool]]:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, QR_MASK)
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, col)) for col in range(n)] for r in range(n)]


def draw_qr(sheet: Sheet, x: float, y: float, size: float, payload: str) -> None:
    """The QR code as one path of horizontal runs, on a white quiet zone."""
    modules = qr_modules(payload)
    n = len(modules)
    cell = size / (n + 4)
    c = sheet.canvas
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    # A few hundred rectangles: written as operators directly (ReportLab's per-number
    # formatting would cost more than the whole rest of the page).
    ops = []
    for r, row in enumerate(modules):
        top = y + size - (r + 2) * cell
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{x + (start + 2) * cell:.2f} {top - cell:.2f} "
                           f"{(col - start) * cell:.2f} {cell:.2f} re")
            else:
                col += 1
    c.addLiteral("\n".join(ops) + "\nf")
    c.restoreState()
    sheet.forget_colour()


def define_verification(sheet: Sheet, payload: str, x: float, y: float) -> None:
    """Define the verification form, drawn last on every page with its lower left at (x, y)."""
    c = sheet.canvas
    c.beginForm(VERIFY_FORM)
    sheet.forget_colour()
    qr = QR_SIZE
    sheet.text(x + qr + 6, y + qr - 7, verification.MARKER, size=6.5, font="gothic")
    chunk = 48
    for i in range(0, len(payload), chunk):
        sheet.text(x + qr + 6, y + qr - 16 - (i // chunk) * 7.0, payload[i:i + chunk], size=5.6,
                   font="gothic")
    draw_qr(sheet, x, y, qr, payload)
    c.endForm()
