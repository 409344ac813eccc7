"""What `kiosk verify`'s bounded reader found in a PDF (`inspection`, run by `pdf_guard`), as
plain data that crosses the pipe from the child as JSON: the codes read off the back page and
where the PDF differs from the certificate drawn again from its record."""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass
from enum import StrEnum


class Kind(StrEnum):
    AREA = "area"            # pixels differ in this rectangle of the page
    TEXT = "text"            # the page's text (what search and copy give) is not what it shows
    PAGES = "pages"          # not the number of pages the certificate has
    BACK_PAGE = "back_page"  # the back page's record is not the one the verification code signs
    RECORD = "record"        # the record cannot be drawn (damaged)


@dataclass(frozen=True)
class Difference:
    """Where a PDF is not what its record draws. Positions in mm from the page's top left."""

    kind: Kind
    page: int = 0            # 1-based page of the PDF (0: the document as a whole)
    back: bool = False       # that page is the back page
    x_mm: int = 0
    y_mm: int = 0
    w_mm: int = 0
    h_mm: int = 0
    found: int = 0           # PAGES: how many the PDF has…
    expected: int = 0        # …and the certificate

    @staticmethod
    def back_page() -> Difference:
        return Difference(Kind.BACK_PAGE, back=True)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v} | {"kind": self.kind.value}

    @staticmethod
    def from_json(data: dict) -> Difference:
        fields = {k: v for k, v in data.items() if k in Difference.__dataclass_fields__}
        fields["kind"] = Kind(fields["kind"])
        for name in ("page", "x_mm", "y_mm", "w_mm", "h_mm", "found", "expected"):
            fields[name] = int(fields.get(name, 0))
        fields["back"] = bool(fields.get("back", False))
        return Difference(**fields)


@dataclass(frozen=True)
class Inspection:
    """The back page's verification code and record (None: not found, or not whole), whether
    the record names another renderer, and the differences from its drawing."""

    payload: str | None = None
    record: bytes | None = None
    other_layout: bool = False
    differences: tuple[Difference, ...] = ()

    def to_json(self) -> dict:
        return {"payload": self.payload,
                "record": base64.b64encode(self.record).decode("ascii") if self.record else None,
                "other_layout": self.other_layout,
                "differences": [d.to_json() for d in self.differences]}

    @staticmethod
    def from_json(data: dict) -> Inspection:
        record = data.get("record")
        payload = data.get("payload")
        return Inspection(
            payload=payload if isinstance(payload, str) else None,
            record=base64.b64decode(record) if isinstance(record, str) else None,
            other_layout=bool(data.get("other_layout")),
            differences=tuple(Difference.from_json(d) for d in data.get("differences", ())))
