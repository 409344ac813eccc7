"""Reading the text of a PDF that anyone may hand in (`kiosk verify`), within bounds.

pdfminer (under pdfplumber) sets no limits of its own: a 1.5 MB file took 3.2 GB of memory and
25 s, a 64 KB deflate bomb four minutes. Genuine certificates, measured: 80–105 KB; 6 pages and
5,400 characters for a household of 28; FlateDecode streams only, the largest 71 KB inflated
(the font), 263 KB in all; arrays and dictionaries nested 4 deep. The limits (`Limits`) leave a
wide margin (the file 10×, a stream 50×, all streams 30×, text 18×, nesting 8×; 20 pages is a
household of about a hundred), and a file beyond one is refused, never half-read:

- the file: at most 1 MiB, refused before anything parses it;
- the parse runs in a child process (this module, the PDF on its stdin) whose address space is
  capped at 512 MiB above what it holds once its imports are in (RLIMIT_AS) and which is killed
  after 15 s (RLIMIT_CPU too, should the parent be gone): whatever gets past the checks below
  can take down only the child, whose death is a refusal;
- in the child: arrays and dictionaries nested at most 32 deep (objects and content streams);
  every stream counted as it is decoded, FlateDecode inflated into a bounded buffer before
  pdfminer inflates it: 4 MiB each, 8 MiB in all; at most 20 pages, counted before any is read;
  at most 100,000 characters of text.
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

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 1 * MiB
    pages: int = 20
    depth: int = 32
    stream_bytes: int = 4 * MiB       # one stream, decoded
    decoded_bytes: int = 8 * MiB      # all streams, decoded
    text_chars: int = 100_000
    memory_bytes: int = 512 * MiB     # the child's address space, above its imports
    seconds: float = 15.0


LIMITS = Limits()


class Refusal(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_DEEP = "too_deep"
    STREAM_TOO_LARGE = "stream_too_large"
    TOO_MUCH_TEXT = "too_much_text"
    OUT_OF_MEMORY = "out_of_memory"
    OUT_OF_TIME = "out_of_time"


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
    if len(pdf) > limits.file_bytes:
        raise Refused(Refusal.FILE_TOO_LARGE)
    root = str(Path(__file__).resolve().parents[1])       # this very source tree, first
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run([sys.executable, "-P", "-m", __name__, json.dumps(asdict(limits))],
                              input=pdf, capture_output=True, env=env, timeout=limits.seconds)
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
    return answer["pages"]


# -- the child -------------------------------------------------------------------------------

class _Stop(BaseException):
    """Raised inside pdfminer with the child's answer: not an Exception, so that none of
    pdfminer's catch-alls can swallow it."""

    def __init__(self, answer: dict) -> None:
        self.answer = answer


def _refuse(refusal: Refusal) -> _Stop:
    return _Stop({"refused": refusal})


def _child(limits: Limits) -> dict:
    import pdfplumber  # noqa: F401  (its imports are not the file's doing: in before the cap)
    pdf = sys.stdin.buffer.read(limits.file_bytes + 1)
    _cap(limits)
    _bound_pdfminer(limits)
    try:
        pages = extract_pages(pdf, limits.pages)
    except _Stop as stop:
        return stop.answer
    except Refused as refused:
        return {"refused": refused.refusal}
    except Exception as exc:   # pdfminer raises many types for a damaged file; all mean the same
        if _out_of_memory(exc):
            return {"refused": Refusal.OUT_OF_MEMORY}
        return {"unreadable": f"{type(exc).__name__}: {exc}"[:500]}
    if sum(len(page) for page in pages) > limits.text_chars:
        return {"refused": Refusal.TOO_MUCH_TEXT}
    return {"pages": pages}


def _cap(limits: Limits) -> None:
    import resource

    try:
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        held = None    # not Linux: the time limit still holds
    if held is not None:
        cap = held + limits.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = math.ceil(limits.seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


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
    answer = _child(Limits(**json.loads(sys.argv[1])))
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))   # whatever the locale
