"""Forgeries of a genuine certificate, made as a forger would make them: edits of the page's
drawing instructions (a white box, a recoloured or moved word), an overlay appended after
everything else as an incremental update, flipped bytes, another certificate's back page."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pdfplumber
import pypdf
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    """Where some text is drawn: in points, PDF space (y up), and its first glyph's origin."""

    x0: float
    y0: float
    x1: float
    y1: float
    origin: tuple[float, float]
    page_height: float

    def mm_from_top_left(self) -> tuple[float, float, float, float]:
        return (self.x0 / MM, (self.page_height - self.y1) / MM, self.x1 / MM,
                (self.page_height - self.y0) / MM)


def find(pdf: bytes, text: str, page: int = 0) -> Box:
    """The box of the first occurrence of `text` (white space ignored) on the page."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        p = doc.pages[page]
        chars = [c for c in p.chars if c["text"].strip()]
        flat = "".join(c["text"] for c in chars)
        at = flat.find("".join(text.split()))
        assert at >= 0, f"{text!r} is not on page {page + 1}"
        hit = chars[at:at + len("".join(text.split()))]
        height = float(p.height)
        return Box(min(c["x0"] for c in hit), height - max(c["bottom"] for c in hit),
                   max(c["x1"] for c in hit), height - min(c["top"] for c in hit),
                   (hit[0]["matrix"][4], hit[0]["matrix"][5]), height)


def rewrite(pdf: bytes, edit: Callable[[bytes], bytes], page: int = 0) -> bytes:
    """The PDF with page `page`'s drawing instructions replaced by `edit` of them (re-saved)."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    p = writer.pages[page]
    content = DecodedStreamObject()
    content.set_data(edit(p.get_contents().get_data()))
    p.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def white_box(pdf: bytes, *texts: str, page: int = 0) -> bytes:
    """White rectangles over the texts, drawn last on the page."""
    boxes = [find(pdf, t, page) for t in texts]
    ops = b"".join(b"\nq 1 1 1 rg %.2f %.2f %.2f %.2f re f Q" % (
        b.x0 - 1, b.y0 - 1, b.x1 - b.x0 + 2, b.y1 - b.y0 + 2) for b in boxes)
    return rewrite(pdf, lambda data: data + ops, page)


def _text_line(data: bytes, origin: tuple[float, float]) -> re.Match[bytes]:
    for m in re.finditer(rb"BT 1 0 0 1 ([-\d.]+) ([-\d.]+) Tm[^\n]*?ET", data):
        if abs(float(m[1]) - origin[0]) < 0.6 and abs(float(m[2]) - origin[1]) < 0.6:
            return m
    raise AssertionError(f"no text drawn at {origin}")


def recolour(pdf: bytes, text: str, rgb: tuple[float, float, float], page: int = 0) -> bytes:
    """The text's own drawing instruction, in another colour (white: gone, box and all kept)."""
    m = _text_line(pdf_content(pdf, page), find(pdf, text, page).origin)
    colour = b"q %.2f %.2f %.2f rg " % rgb
    return rewrite(pdf, lambda data: data.replace(m[0], colour + m[0] + b" Q", 1), page)


def move(pdf: bytes, text: str, dx: float, dy: float, page: int = 0) -> bytes:
    """The text drawn (dx, dy) points away from where it belongs."""
    m = _text_line(pdf_content(pdf, page), find(pdf, text, page).origin)
    moved = m[0].replace(b"%s %s Tm" % (m[1], m[2]),
                         b"%.4f %.4f Tm" % (float(m[1]) + dx, float(m[2]) + dy), 1)
    return rewrite(pdf, lambda data: data.replace(m[0], moved, 1), page)


def flip_in_drawing(pdf: bytes, text: str, at: int, mask: int, page: int = 0) -> bytes:
    """One byte of the instruction that draws `text` XOR `mask`, `at` bytes into it, in the
    page's inflated drawing instructions (re-saved): a forger's hex edit that keeps the
    stream whole."""
    m = _text_line(pdf_content(pdf, page), find(pdf, text, page).origin)
    line = bytearray(m[0])
    line[at] ^= mask
    return rewrite(pdf, lambda data: data.replace(m[0], bytes(line), 1), page)


def pdf_content(pdf: bytes, page: int = 0) -> bytes:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[page].get_contents().get_data()


def overlay(pdf: bytes, over: str, with_text: bytes, page: int = 0) -> bytes:
    """An incremental update after the file's end: one more content stream on the page, drawn
    after everything (the verification block too) — a white box over `over` and new text."""
    b = find(pdf, over, page)
    writer = pypdf.PdfWriter(io.BytesIO(pdf), incremental=True)
    p = writer.pages[page]
    font = writer._add_object(pypdf.generic.DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = p["/Resources"].get_object()
    fonts = resources["/Font"].get_object()
    fonts[NameObject("/Forged")] = font
    extra = DecodedStreamObject()
    extra.set_data(b"q 1 1 1 rg %.2f %.2f %.2f %.2f re f Q BT 0 0 0 rg /Forged 10 Tf %.2f %.2f Td (%s) Tj ET"
                   % (b.x0 - 1, b.y0 - 1, b.x1 - b.x0 + 2, b.y1 - b.y0 + 2, b.x0, b.origin[1],
                      with_text))
    contents = p.raw_get("/Contents")                # the reference, not the stream it names
    streams = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) \
        else [contents]
    p[NameObject("/Contents")] = ArrayObject([*streams, writer._add_object(extra)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def content_stream_span(pdf: bytes, page: int = 0) -> tuple[int, int]:
    """Where page `page`'s (first) content stream's raw bytes lie in the file."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    contents = reader.pages[page].raw_get("/Contents")
    if isinstance(contents.get_object(), ArrayObject):
        contents = contents.get_object().raw_get(0)
    ref = contents
    head = re.search(rb"\n%d 0 obj\n.*?stream\r?\n" % ref.idnum, pdf, re.S)
    assert head, "no such object"
    data = reader.get_object(ref.idnum).get_object()._data
    assert pdf[head.end():head.end() + len(data)] == data
    assert zlib.decompress(data)
    return head.end(), head.end() + len(data)


def flip(pdf: bytes, offset: int, mask: int = 0xFF) -> bytes:
    return pdf[:offset] + bytes([pdf[offset] ^ mask]) + pdf[offset + 1:]


def swap_back(pdf: bytes, other: bytes, sheet: int = -1) -> bytes:
    """`pdf` with the back of its sheet `sheet` (0-based; -1: the last) replaced by `other`'s
    back of the same sheet (its last if it has fewer)."""
    mine, theirs = pypdf.PdfReader(io.BytesIO(pdf)), pypdf.PdfReader(io.BytesIO(other))
    at = len(mine.pages) - 1 if sheet < 0 else 2 * sheet + 1
    writer = pypdf.PdfWriter()
    for i, p in enumerate(mine.pages):
        writer.add_page(theirs.pages[min(at, len(theirs.pages) - 1)] if i == at else p)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cover_rect(pdf: bytes, box: tuple[float, float, float, float], page: int = 0) -> bytes:
    """A white rectangle (x0, y0, x1, y1 in points, y up) drawn last on the page."""
    x0, y0, x1, y1 = box
    return rewrite(pdf, lambda data: data + b"\nq 1 1 1 rg %.2f %.2f %.2f %.2f re f Q" % (
        x0, y0, x1 - x0, y1 - y0), page)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_text(pdf: bytes, page: int) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[page].extract_text() or ""


def record_code_box(pdf: bytes, dpi: int = 200) -> tuple[float, float, float, float]:
    """Where the back page's record code is (points, y up), as a scanner finds it."""
    import pypdfium2
    import zxingcpp

    doc = pypdfium2.PdfDocument(pdf)
    back = doc[len(doc) - 1]
    image = back.render(scale=dpi / 72).to_pil()
    height = back.get_size()[1]
    for code in zxingcpp.read_barcodes(image):
        if code.bytes.startswith(b"KR"):
            p = code.position
            xs = [c.x * 72 / dpi for c in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
            ys = [height - c.y * 72 / dpi
                  for c in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
            return min(xs) - 4, min(ys) - 4, max(xs) + 4, max(ys) + 4
    raise AssertionError("no record code on the back page")


def pages(pdf: bytes, keep: list[int], extra: bytes | None = None) -> bytes:
    """The PDF with only the pages `keep` (in that order), and `extra`'s first page after them."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for i in keep:
        writer.add_page(reader.pages[i])
    if extra is not None:
        writer.add_page(pypdf.PdfReader(io.BytesIO(extra)).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
