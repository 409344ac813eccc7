"""2D codes, and the copy's own marks: its 発行番号 and its verification code.

Codes are QR codes made by zxing-cpp (level M) and drawn as a 1-bit image mask in the page's
own drawing instructions, on a white quiet zone: one small image per code, which every PDF
reader, printer and scanner handles alike (`kiosk verify` reads them back from rendered
pixels with the same library).

The copy marks are the only thing that differs between the copies of one issuance; they are
drawn on every page (front and back) from one form XObject, `COPY_FORM`, so that a copy is
its siblings' bytes with that one object replaced (`toolkit.copies`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from certificates_templates import verification
from certificates_templates.toolkit.sheet import Sheet

COPY_FORM = "copy"
QR_SIZE = 62.0       # the verification code on every page, quiet zone included (points)
QUIET = 2            # modules of white around the small code (4 for the record's codes)


@dataclass(frozen=True)
class CopyMark:
    """What makes a copy its own document: its 発行番号 and its signed verification code."""

    document_id: str
    payload: str


@lru_cache(maxsize=64)
def modules(data: bytes | str) -> tuple[int, bytes]:
    """(n, rows): the n × n QR code of `data`, its rows packed 8 modules a byte (set: light)."""
    import zxingcpp
    from PIL import Image

    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = zxingcpp.write_barcode_to_image(code, scale=1, add_quiet_zones=False)
    n = image.shape[0]
    grey = Image.frombytes("L", (n, n), bytes(memoryview(cast(Any, image))))
    return n, grey.point(lambda v: 255 if v >= 128 else 0).convert("1").tobytes()


def draw_code(sheet: Sheet, x: float, y: float, size: float, data: bytes | str,
              quiet: int = QUIET) -> None:
    """The QR code of `data` in a size × size square (quiet zone included), lower left at (x, y)."""
    n, rows = modules(data)
    module = size / (n + 2 * quiet)
    inner = n * module
    left, bottom = x + quiet * module, y + quiet * module
    # The mask paints its clear bits (dark modules) in black; ASCII hex keeps the instructions text.
    sheet.canvas.addLiteral(
        f"q 1 1 1 rg {x:.3f} {y:.3f} {size:.3f} {size:.3f} re f 0 0 0 rg\n"
        f"{inner:.4f} 0 0 {inner:.4f} {left:.4f} {bottom:.4f} cm\n"
        f"BI /W {n} /H {n} /IM true /F /AHx ID {rows.hex()}> EI Q")
    sheet.forget_colour()


def code_size(data: bytes | str, module: float, quiet: int) -> float:
    """The side of the code of `data` drawn with modules of `module` points."""
    return (modules(data)[0] + 2 * quiet) * module


def draw_copy_marks(sheet: Sheet, mark: CopyMark, margin: float) -> None:
    """The copy's marks: at the lower left the verification code (marker, the payload in small
    type, its QR code), at the lower right the 発行番号."""
    x = y = margin
    qr = QR_SIZE
    sheet.text(x + qr + 6, y + qr - 7, verification.MARKER, size=6.5, font="gothic")
    chunk = 48
    payload = mark.payload
    for i in range(0, len(payload), chunk):
        sheet.text(x + qr + 6, y + qr - 16 - (i // chunk) * 7.0, payload[i:i + chunk], size=5.6,
                   font="gothic")
    draw_code(sheet, x, y, qr, payload)
    sheet.text(sheet.width - margin, y + 14, f"発行番号 {mark.document_id}", size=7.5,
               font="gothic", align="right")
