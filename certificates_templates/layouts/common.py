"""Pieces every certificate layout shares: dates, required items, the certification, notes."""

from __future__ import annotations

from datetime import date

from certificates_templates.documents import Certificate, DocumentDataError, DocumentMeta
from certificates_templates.era import format_date
from certificates_templates.fonts import GETA
from certificates_templates.toolkit import Block, Certification, Composition, Paragraph

SERVICE_NOTE = "この証明書は、コンビニ交付サービスにより交付したものです。"
PATTERN_NOTE = "偽造防止のため地紋を施しています。複写すると「複写」の文字が現れます。"
GETA_NOTE = f"{GETA}は、字形を表示できない文字を表します。"


def era(d: date | None) -> str:
    return format_date(d) if d else ""


def need(value, what: str):
    """A required item: missing makes a clear error, never a certificate with a hole in it."""
    if value is None or (isinstance(value, str) and not value.strip()) or value == ():
        raise DocumentDataError(f"required item missing: {what}")
    return value


def certificate(doc: Certificate, sentence: str, substituted: bool, *, body: tuple[Block, ...],
                header: tuple[Block, ...] = (), subtitle: str = "") -> Composition:
    """What every certificate has around its own tables: the title, the certification (with the
    〓 note when a character was substituted) on the last page, the 発行番号 and the notes."""
    return Composition(
        title=doc.title, subtitle=subtitle, header=header, body=body,
        closing=_closing(doc.meta, sentence, substituted), meta=doc.meta,
        footer_notes=(SERVICE_NOTE, PATTERN_NOTE))


def _closing(meta: DocumentMeta, sentence: str, substituted: bool) -> tuple[Block, ...]:
    need(meta.issuer.municipality_name, "municipality name")
    blocks: list[Block] = []
    if substituted:
        blocks.append(Paragraph(GETA_NOTE, size=8, font="gothic", before=6, after=0))
    blocks.append(Certification(sentence, meta, format_date(meta.issued_on)))
    return tuple(blocks)


def yen(amount: int) -> str:
    return f"{amount:,}円"
