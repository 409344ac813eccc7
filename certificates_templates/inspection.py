"""What a handed-in PDF shows, read for `kiosk verify` inside pdf_guard's bounded child.

1. PDFium (the engine of Chrome's viewer) opens it; a page larger than `Limits.page_points`
   or with more than `Limits.page_objects` objects is refused before anything is drawn.
2. The last page — the last sheet's back; every back carries the whole record — is rendered
   at `DECODE_DPI` and its QR codes decoded (zxing-cpp): the copy's verification code (text)
   and the parts of the signed record (binary). With no code there, the first page's
   verification code says whether it is a certificate at all.
3. The record is drawn again with this very renderer under that verification code
   (`render.redraw`), and the two PDFs are compared page by page: as pixels at `COMPARE_DPI`
   (a pixel differs when its grey differs by more than `PIXEL_DELTA` of 255; the differing
   pixels are gathered in tiles of `TILE_MM` and neighbouring tiles reported as one rectangle,
   in mm from the page's top left), and as text (what searching and copying the page give,
   as PDFium reads it too: the engine that draws it).

Genuine copies draw the same pixels exactly: the same instructions through the same engine.
Whether the municipality signed the record is checked by the caller
(`verification.judge`); here nothing is trusted and everything is bounded by the child.
"""

from __future__ import annotations

from collections.abc import Iterator

from certificates_templates.findings import Difference, Inspection, Kind
from certificates_templates.pdf_guard import Limits, Refusal, Refused

COMPARE_DPI = 100
DECODE_DPI = 300
PIXEL_DELTA = 40
TILE_MM = 4.0
MAX_AREAS = 8          # rectangles reported per page
MM_PER_INCH = 25.4


def inspect(pdf: bytes, limits: Limits) -> Inspection:
    """What `pdf` carries and how it differs from its record's drawing (pdf_guard has read its
    structure within `limits` already). Raises Refused beyond a limit, ValueError if
    unreadable."""
    import pypdfium2 as pdfium

    from certificates_templates import record as records
    from certificates_templates.fonts import fonts
    from certificates_templates.render import redraw

    try:
        doc = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise ValueError(f"PDFium cannot open it: {exc}") from None
    if len(doc) > limits.pages:
        raise Refused(Refusal.TOO_MANY_PAGES)
    if len(doc) == 0:
        raise ValueError("it has no pages")
    for page in doc:
        _check_page(page, limits)
    payload, parts = _codes(doc[len(doc) - 1])
    if payload is None and not parts:
        # No back page where it belongs: a certificate's front says so by its own code.
        front = _codes(doc[0])[0] if len(doc) > 1 else None
        return Inspection(front)
    record = records.join(parts) if parts else None
    if record is None or payload is None:
        return Inspection(payload, record)
    try:
        if records.version_of(record) != records.renderer_version(fonts()):
            return Inspection(payload, record, other_layout=True)
        again = redraw(record, payload).pdf
    except ValueError:                     # RecordError, DocumentDataError: a damaged record
        return Inspection(payload, record, differences=(Difference(Kind.RECORD, back=True),))
    return Inspection(payload, record, differences=tuple(compare(doc, again)))


def _check_page(page, limits: Limits) -> None:
    width, height = page.get_size()
    if not (0 < width <= limits.page_points and 0 < height <= limits.page_points):
        raise Refused(Refusal.PAGE_TOO_LARGE)
    for count, _ in enumerate(page.get_objects(max_depth=limits.depth), start=1):
        if count > limits.page_objects:
            raise Refused(Refusal.TOO_MANY_OBJECTS)


def _codes(back) -> tuple[str | None, list[bytes]]:
    """The back page's verification code (None: none, or more than one) and record parts."""
    import zxingcpp

    from certificates_templates import record as records
    from certificates_templates.verification import parse_payload

    image = back.render(scale=DECODE_DPI / 72, grayscale=True).to_pil()
    payloads, parts = set(), []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.barcode_formats_from_str("QRCode")):
        data = code.bytes
        if records.is_part(data):
            parts.append(data)
            continue
        text = data.decode("ascii", "replace")
        if parse_payload(text) is not None:
            payloads.add(text)
    return (payloads.pop() if len(payloads) == 1 else None), parts


def compare(doc, expected_pdf: bytes) -> Iterator[Difference]:
    """Where `doc` (the PDF handed in, open in PDFium) differs from `expected_pdf`: page by
    page in order (each sheet's front, then its back), and the last with the last."""
    import pypdfium2 as pdfium

    from certificates_templates.verification import canonical

    expected = pdfium.PdfDocument(expected_pdf)
    n, m = len(doc), len(expected)
    if n != m:
        yield Difference(Kind.PAGES, found=n, expected=m)
    pairs = [(i, i) for i in range(min(n, m) - 1)] + [(n - 1, m - 1)]
    for i, j in pairs:
        back = j % 2 == 1                  # the sheets' backs: the PDF's even pages
        if canonical(_text(doc[i])) != canonical(_text(expected[j])):
            yield Difference(Kind.TEXT, page=i + 1, back=back)
        yield from _areas(doc[i], expected[j], i + 1, back)


def _text(page) -> str:
    text: str = page.get_textpage().get_text_range()
    return text


def _areas(page, expected, number: int, back: bool) -> Iterator[Difference]:
    from PIL import ImageChops

    scale = COMPARE_DPI / 72
    seen = page.render(scale=scale, grayscale=True).to_pil()
    drawn = expected.render(scale=scale, grayscale=True).to_pil()
    mm = MM_PER_INCH / COMPARE_DPI
    if seen.size != drawn.size:
        w, h = expected.get_size()
        yield Difference(Kind.AREA, number, back, 0, 0, round(w / 72 * MM_PER_INCH),
                         round(h / 72 * MM_PER_INCH))
        return
    marked = ImageChops.difference(seen, drawn).point(lambda v: 255 if v > PIXEL_DELTA else 0)
    box = marked.getbbox()
    if box is None:
        return
    tile = max(1, round(TILE_MM / mm))
    changed = set()
    for ty in range(box[1] // tile, (box[3] - 1) // tile + 1):
        for tx in range(box[0] // tile, (box[2] - 1) // tile + 1):
            if marked.crop((tx * tile, ty * tile, (tx + 1) * tile, (ty + 1) * tile)).getbbox():
                changed.add((tx, ty))
    regions = sorted(_regions(changed), key=lambda r: (r[1], r[0]))
    for x0, y0, x1, y1 in regions[:MAX_AREAS]:
        inner = marked.crop((x0 * tile, y0 * tile, (x1 + 1) * tile, (y1 + 1) * tile)).getbbox()
        assert inner is not None
        left, top = x0 * tile + inner[0], y0 * tile + inner[1]
        yield Difference(Kind.AREA, number, back, round(left * mm), round(top * mm),
                         max(1, round((inner[2] - inner[0]) * mm)),
                         max(1, round((inner[3] - inner[1]) * mm)))


def _regions(tiles: set[tuple[int, int]]) -> Iterator[tuple[int, int, int, int]]:
    """Bounding boxes (tile units, inclusive) of the groups of touching tiles."""
    left = set(tiles)
    while left:
        stack = [left.pop()]
        xs, ys = [stack[0][0]], [stack[0][1]]
        while stack:
            x, y = stack.pop()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    if (x + dx, y + dy) in left:
                        left.remove((x + dx, y + dy))
                        stack.append((x + dx, y + dy))
                        xs.append(x + dx)
                        ys.append(y + dy)
        yield min(xs), min(ys), max(xs), max(ys)
