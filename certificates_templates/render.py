"""Document data → PDF bytes: sanitise the text for the font, compose the layout, draw, sign."""

from __future__ import annotations

import dataclasses

from certificates_templates import documents as d
from certificates_templates.fonts import FontSet, fonts
from certificates_templates.layouts import compose
from certificates_templates.toolkit import Rendered, render
from certificates_templates.verification import Signer, check_document_id


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
    """One signed certificate. Raise `DocumentDataError` for data that cannot make one."""
    check_document_id(document.meta.document_id)
    fontset = fonts()
    clean, substituted = sanitise(document, fontset)
    return render(compose(clean, substituted), signer, fontset=fontset)


def render_receipt(receipt: d.Receipt | d.RefundSlip | d.RegistrationSlip) -> bytes:
    """The 領収書, the 返金できませんでした slip or the 申請受付 slip: unsigned, small paper."""
    fontset = fonts()
    clean, substituted = sanitise(receipt, fontset)
    return render(compose(clean, substituted), fontset=fontset).pdf
