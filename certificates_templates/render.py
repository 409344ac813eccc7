"""Document data → PDF bytes: sanitise the text for the font, compose the layout, draw, sign.

A certificate's copies (`render_certificate_copies`) are drawn once and each signed under its
own 発行番号; `redraw` draws one copy again from the record its back page carries and its
verification code (`kiosk verify`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from certificates_templates import documents as d
from certificates_templates import record as records
from certificates_templates.fonts import FontSet, fonts
from certificates_templates.layouts import compose
from certificates_templates.toolkit import CopyMark, Rendered, render, render_copies
from certificates_templates.verification import (RecordedSignature, Signer, check_document_id,
                                                 make_payload, parse_payload)


def sanitise(value, fontset: FontSet):
    """Every string in the data with unprintable characters replaced by 〓; and whether any was."""
    if isinstance(value, str):
        return fontset.sanitise(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes, hit = {}, False
        for f in dataclasses.fields(value):
            new, h = sanitise(getattr(value, f.name), fontset)
            hit |= h
            if h:
                changes[f.name] = new
        return (dataclasses.replace(value, **changes) if changes else value), hit
    if isinstance(value, tuple):
        items = [sanitise(v, fontset) for v in value]
        return tuple(v for v, _ in items), any(h for _, h in items)
    return value, False


def render_certificate(document: d.Certificate, signer: Signer) -> Rendered:
    """One signed certificate under `document.meta.document_id`. Raise `DocumentDataError`
    for data that cannot make one."""
    return render_certificate_copies(document, signer, [document.meta.document_id])[0]


def render_certificate_copies(document: d.Certificate, signer: Signer,
                              document_ids: Sequence[str]) -> list[Rendered]:
    """The copies of one issuance, each its own document: its own 発行番号 (`document_ids`,
    in order) and its own verification code; all share one drawing and one record."""
    if not document_ids:
        raise ValueError("no copies asked for")
    for document_id in document_ids:
        check_document_id(document_id)
    fontset = fonts()
    record = records.encode(document, fontset)
    digest = records.digest(record)
    marks = [CopyMark(i, make_payload(signer, i, digest)) for i in document_ids]
    return _draw(document, record, marks, fontset)


def redraw(record: bytes, payload: str) -> Rendered:
    """The copy whose verification code is `payload`, drawn again from `record`. Raises
    RecordError or DocumentDataError when the record cannot be drawn."""
    code = parse_payload(payload)
    if code is None:
        raise records.RecordError("not a verification code")
    document = records.decode(record)
    document = dataclasses.replace(
        document, meta=dataclasses.replace(document.meta, document_id=code.document_id))
    again = make_payload(RecordedSignature(code.municipality_code, code.signature),
                         code.document_id, code.digest)
    return _draw(document, record, [CopyMark(code.document_id, again)], fonts())[0]


def _draw(document: d.Certificate, record: bytes, marks: Sequence[CopyMark],
          fontset: FontSet) -> list[Rendered]:
    # The layout never sees a copy's own 発行番号: every copy must draw the same front.
    shared = dataclasses.replace(document, meta=dataclasses.replace(document.meta, document_id=""))
    clean, substituted = sanitise(shared, fontset)
    return render_copies(compose(clean, substituted), marks, record=record, fontset=fontset)


def render_receipt(receipt: d.Receipt | d.RefundSlip | d.RegistrationSlip) -> bytes:
    """The 領収書, the 返金できませんでした slip or the 申請受付 slip: unsigned, small paper."""
    fontset = fonts()
    clean, substituted = sanitise(receipt, fontset)
    return render(compose(clean, substituted), fontset=fontset).pdf
