"""Hostile PDFs for the reading limits (certificates_templates.pdf_guard): small files that would
make pdfminer take gigabytes or minutes, or that nest or page far beyond any certificate."""

from __future__ import annotations

import io
import zlib

MiB = 1 << 20
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def pdf(*objects: bytes) -> bytes:
    """A well-formed PDF of these objects (numbered from 1; the first is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def deflated(chunks) -> bytes:
    """A FlateDecode stream object of the chunks' bytes, deflated as they come."""
    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(chunk) for chunk in chunks) + deflate.flush()
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)


def one_page(*contents: bytes, extra: bytes = b"") -> bytes:
    """One page drawn by these content stream objects (objects 4, 5, …)."""
    refs = b" ".join(b"%d 0 R" % (4 + i) for i in range(len(contents)))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [%s] %s >>" % (
        refs, extra)
    return pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, *contents)


def deflate_bomb(mib: int = 64, streams: int = 1) -> bytes:
    """A page of `streams` content streams, each inflating to just over `mib` MiB from about
    mib KB. Each is a comment, which pdfminer skips in one step: only the inflating weighs."""
    def comment():
        yield b"%"
        yield from (b"x" * MiB for _ in range(mib))
        yield b"\n"

    return one_page(*(deflated(comment()) for _ in range(streams)))


def nested(depth: int, where: str) -> bytes:
    """Arrays or dictionaries nested `depth` deep in the page object, or arrays in its content."""
    if where == "array":
        return one_page(deflated([b"BT ET"]), extra=b"/Deep " + b"[" * depth + b"]" * depth)
    if where == "dict":
        return one_page(deflated([b"BT ET"]),
                        extra=b"/Deep " + b"<< /A " * depth + b"1" + b" >>" * depth)
    return one_page(deflated([b"BT /F1 12 Tf ", b"[" * depth, b"]" * depth, b" TJ ET"]))


def many_pages(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    return pdf(CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), *[page] * n)


def oversized(size: int) -> bytes:
    """A PDF header and then padding up to `size` bytes."""
    return b"%PDF-1.4\n" + b" " * (size - 9)


def heavy_text(chars: int) -> bytes:
    """One string of `chars` characters: pdfplumber makes an object of each (about 1 KB)."""
    return one_page(deflated([b"BT /F1 12 Tf (", b"A" * chars, b") Tj ET"]))


def slow_zeros(nbytes: int) -> bytes:
    """A content stream of zero bytes, which pdfminer's tokenizer reads one at a time."""
    return one_page(deflated([b"\0" * nbytes]))


def cut_short() -> bytes:
    """A content stream whose deflated data ends half-way."""
    data = zlib.compress(b"BT ET " * 10_000)[:-20]
    return one_page(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
                    % (len(data), data))


def huge_page(points: int = 100_000) -> bytes:
    """One page `points` a side: drawn at 100 dpi it would be gigapixels."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (
        points, points)
    return pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
               deflated([b"0 0 1 1 re f"]))


def many_objects(n: int) -> bytes:
    """One page drawing `n` separate little squares (each a drawing object to PDFium)."""
    return one_page(deflated(b"%d 10 1 1 re f\n" % (i % 500) for i in range(n)))


def image_bomb(side: int = 100_000, mib: int = 1) -> bytes:
    """A page drawing one side × side image from a few KB: what it claims to hold is 10 GB
    (its stream inflating to `mib` MiB: give side² bytes' worth for an image that is whole)."""
    image = deflated(b"\0" * MiB for _ in range(mib)).replace(
        b"<< ", b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 " % (side, side), 1)
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im 5 0 R >> >> >>")
    return pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
               deflated([b"q 595 0 0 842 0 0 cm /Im Do Q"]), image)
