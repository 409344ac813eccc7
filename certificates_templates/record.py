"""The signed record (記録): a certificate's data, exactly what is needed to draw its front again,
as the back page's 2D codes carry it (the analogue of J-LIS's scramble image).

    record = raw DEFLATE of compact UTF-8 JSON {"v": renderer version, "t": document type,
                                                "d": the document as nested arrays}

Every dataclass is an array of its fields in declaration order (dates and datetimes as ISO
text), so the record holds the document whatever fields the layouts' dataclasses grow: the
codec reads the fields' type hints. A field of several types (`str | date`: a 戸籍 item's
value) is tagged by the type it holds — a string as itself, anything else as {"date": "…"}, so
a date and a text that reads like one never meet. Any change to this codec changes the
renderer version (this file is hashed into it): a record is only read by the code that wrote
it. The copy's 発行番号 is not in it (`meta.document_id` is blank): all copies of one issuance
share one record and differ only by their verification codes (`verification.make_payload`),
which sign its digest.

The renderer version names the code and fonts that draw the front: `kiosk verify` re-renders
only with the very same (another version could draw other pixels from the same data).

On the back page the record is cut into parts of at most `PART_BYTES`, each framed
b"KR" + version + index + count + the record's first 4 digest bytes, so that parts of two
records never join.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
import zlib
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from certificates_templates import documents as d
from certificates_templates.fonts import FontSet

RECORD_BYTES = 1 << 19        # a record inflates to at most this: a household of hundreds
PART_BYTES = 1700             # one code's share: a version-35 QR code at level M
MAX_PARTS = 6
PART_MAGIC = b"KR"
PART_VERSION = 1
_HEADER = len(PART_MAGIC) + 3 + 4

# What draws a certificate's front; the rest of the package (reading, verifying) does not.
_DRAWING = ("documents.py", "era.py", "fonts.py", "text.py", "render.py", "record.py",
            "layouts", "toolkit")
_TYPES = {cls.__name__: cls for cls in typing.get_args(d.Certificate)}


class RecordError(ValueError):
    """Bytes that are not a record this renderer can draw."""


@lru_cache(maxsize=4)
def renderer_version(fontset: FontSet) -> str:
    """16 hex digits naming this drawing code, ReportLab's version and the fonts."""
    from reportlab import Version

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(Version.encode())
    for name in _DRAWING:
        part = root / name
        for path in sorted(part.rglob("*.py")) if part.is_dir() else [part]:
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    size = fontset.gothic_file.stat().st_size if fontset.gothic_file else 0
    h.update(f"{fontset.mincho}|{fontset.gothic}|{fontset.embedded}|{size}".encode())
    return h.hexdigest()[:16]


def encode(document: d.Certificate, fontset: FontSet) -> bytes:
    """The record of `document` (its 発行番号 left out)."""
    blank = dataclasses.replace(document, meta=dataclasses.replace(document.meta, document_id=""))
    body = {"v": renderer_version(fontset), "t": type(document).__name__, "d": _to_json(blank)}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return deflate.compress(text) + deflate.flush()


def version_of(record: bytes) -> str:
    """The renderer version a record names (RecordError if it is no record)."""
    version = _inflate(record).get("v")
    if not isinstance(version, str):
        raise RecordError("the record names no renderer")
    return version


def decode(record: bytes) -> d.Certificate:
    """The document a record holds, with a blank 発行番号. RecordError on anything else."""
    body = _inflate(record)
    cls = _TYPES.get(str(body.get("t")))
    if cls is None:
        raise RecordError(f"no document type {body.get('t')!r}")
    document: d.Certificate = _from_json(body.get("d"), cls)
    return document


def digest(record: bytes) -> bytes:
    return hashlib.sha256(record).digest()


def _inflate(record: bytes) -> dict:
    inflater = zlib.decompressobj(-15)
    try:
        text = inflater.decompress(record, RECORD_BYTES + 1)
    except zlib.error as exc:
        raise RecordError(f"not a record: {exc}") from None
    if len(text) > RECORD_BYTES or not inflater.eof or inflater.unused_data:
        raise RecordError("the record is cut short, too large or followed by other data")
    try:
        body = json.loads(text.decode("utf-8"))
    except ValueError as exc:
        raise RecordError(f"the record is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise RecordError("the record is not an object")
    return body


# ── the document as JSON ─────────────────────────────────────────────────────
def _to_json(value, hint: object = None):
    """`value` as JSON; `hint`, its field's type, picks the tag of a value of a union."""
    if _choices(hint):
        return _tagged(value, hint)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_to_json(getattr(value, name), h) for name, h in _hints(type(value))]
    if isinstance(value, tuple | list):
        args = typing.get_args(hint)
        items = args[:1] * len(value) if len(args) == 2 and args[1] is Ellipsis else args
        if len(items) != len(value):
            items = (None,) * len(value)
        return [_to_json(v, h) for v, h in zip(value, items, strict=True)]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"a record cannot hold {type(value).__name__}")


# ── a field of several types: tagged by the one it holds ────────────────────
_TAGGABLE: dict[str, type] = {"date": date, "datetime": datetime, "int": int, "float": float,
                              "bool": bool}


def _choices(hint: object) -> tuple[type, ...]:
    """The types of a union of several (None aside), or () for any other hint."""
    if typing.get_origin(hint) not in (typing.Union, types.UnionType):
        return ()
    options = tuple(a for a in typing.get_args(hint) if a is not type(None))
    if len(options) < 2:
        return ()
    for option in options:
        if option is not str and option not in _TAGGABLE.values():
            raise TypeError(f"a record cannot hold {hint}: a union of str, dates and numbers")
    return cast(tuple[type, ...], options)


def _tagged(value: Any, hint: object) -> Any:
    if value is None or isinstance(value, str):
        return value
    # exact type: a datetime is a date and a bool an int, each keeps its own tag
    for tag, cls in _TAGGABLE.items():
        if type(value) is cls and cls in _choices(hint):
            return {tag: _to_json(value)}
    raise TypeError(f"a record cannot hold {type(value).__name__} as {hint}")


def _untagged(value: Any, hint: object) -> Any:
    options = _choices(hint)
    if value is None and type(None) in typing.get_args(hint):
        return None
    if isinstance(value, str) and str in options:
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise RecordError(f"expected a tagged value of {hint}")
    (tag, inner), = value.items()
    cls = _TAGGABLE.get(tag)
    if cls is None or cls not in options:
        raise RecordError(f"no {tag!r} in {hint}")
    return _scalar(inner, cls)


@lru_cache(maxsize=64)
def _hints(cls: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _from_json(value, hint):
    if _choices(hint):
        return _untagged(value, hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        return _from_json(value, options[0])
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if not isinstance(value, list):
            raise RecordError(f"expected a list for {hint}, got {type(value).__name__}")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(args) != len(value):
                raise RecordError(f"expected {len(args)} items for {hint}")
            return tuple(_from_json(v, a) for v, a in zip(value, args, strict=True))
        items = [_from_json(v, args[0]) for v in value]
        return tuple(items) if origin is tuple else items
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _hints(hint)
        if not isinstance(value, list) or len(value) != len(fields):
            raise RecordError(f"expected {len(fields)} fields of {hint.__name__}")
        try:
            return hint(**{name: _from_json(v, h) for (name, h), v in zip(fields, value, strict=True)})
        except (TypeError, ValueError) as exc:
            raise RecordError(f"{hint.__name__}: {exc}") from None
    return _scalar(value, hint)


_SCALARS: dict[object, tuple[type, ...]] = {str: (str,), int: (int,), float: (int, float),
                                            bool: (bool,)}


def _scalar(value: Any, hint: Any) -> Any:
    if hint is datetime or hint is date:
        if not isinstance(value, str):
            raise RecordError(f"expected an ISO {hint.__name__}")
        try:
            parsed = hint.fromisoformat(value)
        except ValueError:
            raise RecordError(f"not an ISO {hint.__name__}: {value!r}") from None
        if hint is date and isinstance(parsed, datetime):
            raise RecordError(f"a time where a date was expected: {value!r}")
        return parsed
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            raise RecordError(f"no {hint.__name__} {value!r}") from None
    wanted = _SCALARS.get(hint)
    if wanted is None:
        raise TypeError(f"a record cannot hold {hint}")
    if not isinstance(value, wanted) or (hint is not bool and isinstance(value, bool)):
        raise RecordError(f"expected {hint.__name__}, got {type(value).__name__}")
    if hint is float:
        return float(cast(float, value))
    return value


# ── parts: the record cut for the codes ──────────────────────────────────────
def split(record: bytes) -> list[bytes]:
    """The record's parts, each framed for one code. RecordError when it needs too many."""
    chunks = [record[i:i + PART_BYTES] for i in range(0, len(record), PART_BYTES)] or [b""]
    if len(chunks) > MAX_PARTS:
        raise RecordError(f"the record needs {len(chunks)} codes, the back holds {MAX_PARTS}")
    tag = digest(record)[:4]
    return [PART_MAGIC + bytes((PART_VERSION, i, len(chunks))) + tag + chunk
            for i, chunk in enumerate(chunks)]


def is_part(data: bytes) -> bool:
    return data.startswith(PART_MAGIC) and len(data) >= _HEADER


def join(parts: Iterable[bytes]) -> bytes | None:
    """The record the parts make, or None when they are not all the parts of one record."""
    found: dict[int, bytes] = {}
    shape: set[tuple[int, int, bytes]] = set()
    for part in parts:
        if not is_part(part):
            return None
        version, index, count = part[2], part[3], part[4]
        shape.add((version, count, part[5:9]))
        chunk = part[_HEADER:]
        if found.setdefault(index, chunk) != chunk:      # one index, two contents
            return None
    if len(shape) != 1:
        return None
    version, count, tag = shape.pop()
    if version != PART_VERSION or sorted(found) != list(range(count)):
        return None
    record = b"".join(found[i] for i in range(count))
    return record if digest(record)[:4] == tag else None
