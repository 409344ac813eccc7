"""Each copy its own document, for the price of one rendering.

The copies of one issuance differ only in their marks — 発行番号 and verification code — and
those are drawn on every page from one form XObject (`qr.COPY_FORM`). So the layout is drawn
once, every copy's marks are drawn (while the canvas still has its fonts open, so that each
copy's characters are in the embedded subsets) and captured as drawing instructions, and the
PDF is written once with the first copy's; every other copy is those bytes with the form's
stream, the /Subject of the document information and the file identifier replaced, and the
cross-reference table moved to match.

The splicing reads only what ReportLab writes here: a classic cross-reference table and one
object per offset in it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable

from reportlab.pdfgen import canvas as rl_canvas

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_ID = re.compile(rb"/ID\s*\[<([0-9a-f]+)><([0-9a-f]+)>\]")


def capture(canvas: rl_canvas.Canvas, draw: Callable[[], None]) -> str:
    """The drawing instructions `draw` writes, taken back out of the current page."""
    code = canvas._code
    mark = len(code)
    draw()
    ops = "\n".join(code[mark:])
    del code[mark:]
    return ops


def form_object(pdf: bytes, form: str) -> int:
    """The object number of the named form XObject (as the pages' resources name it)."""
    m = re.search(rb"/FormXob\.%s (\d+) 0 R" % re.escape(form.encode()), pdf)
    if not m:
        raise ValueError(f"no form {form!r} in the document")
    return int(m.group(1))


def another_copy(pdf: bytes, form: int, ops: str, subject: str) -> bytes:
    """`pdf` with form object `form` drawing `ops`, its /Subject `subject` and its own /ID."""
    offsets, xref_at = _offsets(pdf)
    info = int(_search(rb"/Info (\d+) 0 R", pdf[xref_at:]).group(1))
    replaced = {form: _with_stream(_object(pdf, offsets, xref_at, form), ops.encode("utf-8")),
                info: _with_subject(_object(pdf, offsets, xref_at, info), subject)}
    out, shifted, at = [], dict(offsets), 0
    delta = 0
    for number, start in sorted(offsets.items(), key=lambda item: item[1]):
        end = _end(offsets, xref_at, start)
        out.append(pdf[at:start])
        shifted[number] = start + delta
        body = replaced.get(number, pdf[start:end])
        out.append(body)
        delta += len(body) - (end - start)
        at = end
    head = b"".join(out)
    tail = pdf[xref_at:]
    table = _table(tail, shifted)
    ident = hashlib.md5(subject.encode("ascii") + pdf[:64]).hexdigest().encode("ascii")
    table = _ID.sub(b"/ID [<" + ident + b"><" + ident + b">]", table, count=1)
    return head + _XREF.sub(b"startxref\n%d\n%%%%EOF\n" % len(head), table)


def _search(pattern: bytes, data: bytes) -> re.Match[bytes]:
    m = re.search(pattern, data)
    if not m:
        raise ValueError(f"not the PDF this module splices: no {pattern!r}")
    return m


def _offsets(pdf: bytes) -> tuple[dict[int, int], int]:
    xref_at = int(_search(_XREF.pattern, pdf[-64:]).group(1))
    m = _search(rb"xref\s+0 (\d+)\s+", pdf[xref_at:xref_at + 64])
    count, first = int(m.group(1)), xref_at + m.end()
    offsets = {}
    for n in range(1, count):
        entry = pdf[first + 20 * n:first + 20 * n + 20]
        if entry[17:18] == b"n":
            offsets[n] = int(entry[:10])
    return offsets, xref_at


def _end(offsets: dict[int, int], xref_at: int, start: int) -> int:
    return min((o for o in offsets.values() if o > start), default=xref_at)


def _object(pdf: bytes, offsets: dict[int, int], xref_at: int, number: int) -> bytes:
    start = offsets[number]
    return pdf[start:_end(offsets, xref_at, start)]


def _with_stream(obj: bytes, data: bytes) -> bytes:
    m = re.match(rb"(.*?/Length )(\d+)(.*?stream\r?\n)(.*)(endstream\s+endobj\s*)$", obj, re.S)
    if not m:
        raise ValueError("the copy form is not a stream")
    packed = zlib.compress(data)
    return m.group(1) + str(len(packed)).encode() + m.group(3) + packed + m.group(5)


def _with_subject(obj: bytes, subject: str) -> bytes:
    new, n = re.subn(rb"/Subject \([^)]*\)", b"/Subject (" + subject.encode("ascii") + b")",
                     obj, count=1)
    if n != 1:
        raise ValueError("the document information has no /Subject")
    return new


def _table(tail: bytes, offsets: dict[int, int]) -> bytes:
    m = _search(rb"xref\s+0 (\d+)\s+", tail[:64])
    first = m.end()
    entries = bytearray(tail[first:first + 20 * int(m.group(1))])
    for n, offset in offsets.items():
        entries[20 * n:20 * n + 10] = b"%010d" % offset
    return tail[:first] + bytes(entries) + tail[first + len(entries):]
