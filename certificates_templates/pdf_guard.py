"""Reading a PDF that anyone may hand in (`kiosk verify`), within bounds: its text
(`read_pages`), or everything verification needs (`inspect_pdf`: the text, the backs'
codes and the comparison with the certificate drawn again, see `inspection`).

pdfminer (under pdfplumber) sets no limits of its own: a 1.5 MB file took 3.2 GB of memory and
25 s, a 64 KB deflate bomb four minutes. Genuine certificates, measured: 82–120 KB; 10 sheets,
each a front and its back, 8,800 characters, for a household of 28 with every item; FlateDecode
streams only, the largest 1.06 MiB inflated (the 地紋's 300 dpi lattice, one image for every
page), 1.2 MiB in all; at most 146 drawing objects on a page; arrays and dictionaries nested 4
deep. The limits (`Limits`) leave a wide margin (the file 8×, a stream 7×, all streams 13×,
text 11×, nesting 8×, objects 130×; 40 pages are 20 sheets, a household of about sixty with
every item printed), and a file beyond one is refused, never half-read:

- the file: at most 1 MiB, refused before anything parses it;
- the parse runs in a child process (this module, the PDF on its stdin) whose address space is
  capped at 512 MiB above what it holds once its imports are in (RLIMIT_AS) and which is killed
  after 15 s (RLIMIT_CPU too, should the parent be gone): whatever gets past the checks below
  can take down only the child, whose death is a refusal;
- in the child: arrays and dictionaries nested at most 32 deep (objects and content streams);
  every stream counted as it is decoded, FlateDecode inflated into a bounded buffer before
  pdfminer inflates it: 8 MiB each, 16 MiB in all; at most 40 pages, counted before any is read;
  at most 100,000 characters of text;
- for `inspect_pdf` also: every stream in the file must inflate whole (a damaged one makes the
  file unreadable, wherever it is); each page at most 1,500 points a side (a genuine one is A4,
  842) and at most 20,000 objects (a genuine page has under 200), checked before PDFium draws
  anything; the pixels it draws are then bounded by the page size.
"""

from __future__ import annotations

import io
import json
import math
import os
import signal
import subprocess
import sys
import zlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from certificates_templates.findings import Inspection

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 1 * MiB
    pages: int = 40                   # 20 sheets: each a front and its back
    depth: int = 32
    stream_bytes: int = 8 * MiB       # one stream, decoded
    decoded_bytes: int = 16 * MiB     # all streams, decoded
    text_chars: int = 100_000
    memory_bytes: int = 512 * MiB     # the child's address space, above its imports
    seconds: float = 15.0
    page_points: float = 1500.0       # a page's width and height
    page_objects: int = 20_000        # drawing objects on a page, forms' included


LIMITS = Limits()


class Refusal(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_DEEP = "too_deep"
    STREAM_TOO_LARGE = "stream_too_large"
    TOO_MUCH_TEXT = "too_much_text"
    OUT_OF_MEMORY = "out_of_memory"
    OUT_OF_TIME = "out_of_time"
    PAGE_TOO_LARGE = "page_too_large"
    TOO_MANY_OBJECTS = "too_many_objects"


class Refused(Exception):
    """The PDF is beyond a limit: not checked at all."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


def extract_pages(pdf: bytes, max_pages: int | None = None) -> list[str]:
    """Each page's characters in content-stream order (forms included where they are drawn).
    With `max_pages`, a document of more pages is refused before any page is read."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        if max_pages is not None and next(
                islice(PDFPage.create_pages(doc.doc), max_pages, None), None) is not None:
            raise Refused(Refusal.TOO_MANY_PAGES)
        return ["".join(ch["text"] for ch in page.chars) for page in doc.pages]


def read_pages(pdf: bytes, limits: Limits = LIMITS) -> list[str]:
    """`extract_pages`, in a child process bounded by `limits`. Raises Refused when the PDF is
    beyond them, ValueError when it is not a readable PDF."""
    pages: list[str] = _in_child(pdf, limits, "text")["pages"]
    return pages


def inspect_pdf(pdf: bytes, limits: Limits = LIMITS) -> Inspection:
    """`inspection.inspect`, in a child process bounded by `limits` (raises as `read_pages`)."""
    from certificates_templates.findings import Inspection

    return Inspection.from_json(_in_child(pdf, limits, "inspect")["inspection"])


def _in_child(pdf: bytes, limits: Limits, mode: str) -> dict:
    if len(pdf) > limits.file_bytes:
        raise Refused(Refusal.FILE_TOO_LARGE)
    root = str(Path(__file__).resolve().parents[1])       # this very source tree, first
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run([sys.executable, "-P", "-m", __name__, json.dumps(asdict(limits)),
                               mode], input=pdf, capture_output=True, env=env,
                              timeout=limits.seconds)
    except subprocess.TimeoutExpired:                      # run() has killed the child
        raise Refused(Refusal.OUT_OF_TIME) from None
    if done.returncode == -signal.SIGXCPU:
        raise Refused(Refusal.OUT_OF_TIME)
    if done.returncode < 0:    # killed: under its memory cap, an allocation it could not survive
        raise Refused(Refusal.OUT_OF_MEMORY)
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise ValueError(f"the reader gave no answer: {done.stderr[-500:]!r}") from None
    if "refused" in answer:
        raise Refused(Refusal(answer["refused"]))
    if "unreadable" in answer:
        raise ValueError(answer["unreadable"])
    return answer


# -- the child -------------------------------------------------------------------------------

class _Stop(BaseException):
    """Raised inside pdfminer with the child's answer: not an Exception, so that none of
    pdfminer's catch-alls can swallow it."""

    def __init__(self, answer: dict) -> None:
        self.answer = answer


def _refuse(refusal: Refusal) -> _Stop:
    return _Stop({"refused": refusal})


def _child(limits: Limits, mode: str) -> dict:
    import pdfplumber  # noqa: F401  (its imports are not the file's doing: in before the cap)
    if mode == "inspect":
        _load_renderer()
    pdf = sys.stdin.buffer.read(limits.file_bytes + 1)
    _cap(limits)
    _bound_pdfminer(limits)
    try:
        pages = extract_pages(pdf, limits.pages)
        if sum(len(page) for page in pages) > limits.text_chars:
            return {"refused": Refusal.TOO_MUCH_TEXT}
        if mode != "inspect":
            return {"pages": pages}
        from certificates_templates.inspection import inspect

        _inflate_every_stream(pdf)
        return {"inspection": inspect(pdf, limits).to_json()}
    except _Stop as stop:
        return stop.answer
    except Refused as refused:
        return {"refused": refused.refusal}
    except Exception as exc:   # the readers raise many types for a damaged file; all mean the same
        if _out_of_memory(exc):
            return {"refused": Refusal.OUT_OF_MEMORY}
        return {"unreadable": f"{type(exc).__name__}: {exc}"[:500]}


def _load_renderer() -> None:
    """What inspection draws and decodes with, its fonts registered: before the cap, as the
    imports are no doing of the file's."""
    import pypdfium2  # noqa: F401
    import zxingcpp  # noqa: F401

    from certificates_templates import inspection, render  # noqa: F401
    from certificates_templates.fonts import fonts
    from certificates_templates.record import renderer_version

    renderer_version(fonts())


def _inflate_every_stream(pdf: bytes) -> None:
    """Decode every stream object of the file (within the bounds): a damaged one anywhere —
    a font, an image, an unused object — makes the file unreadable, not half-checked."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            obj = doc.getobj(objid)
            if isinstance(obj, PDFStream):
                obj.get_data()


def _cap(limits: Limits) -> None:
    import resource

    try:
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        held = None    # not Linux: the time limit still holds
    if held is not None:
        # Never above what this process may have already (a parent run under a tighter
        # limit passes it on): raising a hard limit is refused, and the check with it.
        cap = _within(resource.getrlimit(resource.RLIMIT_AS), held + limits.memory_bytes)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = _within(resource.getrlimit(resource.RLIMIT_CPU), math.ceil(limits.seconds) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _within(current: tuple[int, int], wanted: int) -> int:
    """`wanted`, or the hard limit already set when that is lower."""
    import resource

    hard = current[1]
    return wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)


def _bound_pdfminer(limits: Limits) -> None:
    """Put the limits where pdfminer nests and where it decodes. Patching its classes is fine
    here: this process exists to read this one file."""
    from pdfminer import pdftypes, psparser

    start_type = psparser.PSStackParser.start_type

    def bounded_start_type(parser, pos, type_):
        if len(parser.context) >= limits.depth:
            raise _refuse(Refusal.TOO_DEEP)
        start_type(parser, pos, type_)

    decode = pdftypes.PDFStream.decode
    decoded = [0]

    def bounded_decode(stream) -> None:
        _inflate_within(stream, limits.stream_bytes, pdftypes.LITERALS_FLATE_DECODE)
        decode(stream)
        decoded[0] += len(stream.data)
        if len(stream.data) > limits.stream_bytes or decoded[0] > limits.decoded_bytes:
            raise _refuse(Refusal.STREAM_TOO_LARGE)

    # Replacing pdfminer's own methods is the point here (only in the child process).
    psparser.PSStackParser.start_type = bounded_start_type  # type: ignore[method-assign]
    pdftypes.PDFStream.decode = bounded_decode  # type: ignore[method-assign,assignment]


def _inflate_within(stream, limit: int, flate: tuple) -> None:
    """Inflate the stream's leading FlateDecode filters into buffers of at most `limit` bytes,
    before pdfminer inflates them without any: a deflate bomb stops here. (Other filters expand
    far less; what they make is counted after decoding, under the memory cap.)"""
    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _params in stream.get_filters():
        if name not in flate or not data:
            return
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(data, limit + 1)
        except zlib.error:
            damaged = True
        else:
            if len(data) > limit:
                raise _refuse(Refusal.STREAM_TOO_LARGE)
            damaged = not inflater.eof
        if damaged:
            # Damaged or cut short: pdfminer would retry it byte by byte, in quadratic time.
            # Never so in a certificate the kiosk printed.
            raise _Stop({"unreadable": "a damaged FlateDecode stream"})


def _out_of_memory(exc: BaseException | None) -> bool:
    """A MemoryError, even wrapped by pdfplumber (PdfminerException(e)) or chained."""
    while exc is not None:
        if isinstance(exc, MemoryError) or any(isinstance(a, MemoryError) for a in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


if __name__ == "__main__":
    # The module by its package name, not as __main__: its exception classes are then the ones
    # `inspection` raises.
    from certificates_templates import pdf_guard as guard

    answer = guard._child(guard.Limits(**json.loads(sys.argv[1])),
                          sys.argv[2] if len(sys.argv) > 2 else "text")
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))   # whatever the locale
