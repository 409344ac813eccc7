"""The reading limits of certificates_templates.pdf_guard: each hostile file is refused by the
limit meant for it — before parsing, before inflating, or by the child's memory cap or clock —
and a genuine certificate is well inside all of them."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import pytest

from certificates_templates import render_certificate
from certificates_templates.pdf_guard import LIMITS, MiB, Refusal, Refused, read_pages
from certificates_templates.verification import Verdict, verify_pdf

from . import hostile
from .samples import KEY, SIGNER, household


def refused(pdf: bytes, limits=LIMITS) -> Refusal:
    with pytest.raises(Refused) as refusal:
        read_pages(pdf, limits)
    return refusal.value.refusal


def test_a_file_over_the_size_limit_is_refused_before_anything_parses_it(monkeypatch) -> None:
    def no_child(*args, **kwargs):
        raise AssertionError("a child was started to parse it")

    monkeypatch.setattr(subprocess, "run", no_child)
    assert refused(hostile.oversized(LIMITS.file_bytes + 1)) is Refusal.FILE_TOO_LARGE
    # The watch is on the child's door: a file at the limit does go to a child.
    with pytest.raises(AssertionError, match="a child was started"):
        read_pages(hostile.oversized(LIMITS.file_bytes))


def test_a_deflate_bomb_is_refused_before_pdfminer_inflates_it() -> None:
    # More than the child's memory cap: inflated whole, it would be OUT_OF_MEMORY, not this.
    bomb = hostile.deflate_bomb(mib=LIMITS.memory_bytes // MiB + 88)
    assert len(bomb) < LIMITS.file_bytes
    assert refused(bomb) is Refusal.STREAM_TOO_LARGE


def test_streams_each_within_the_limit_are_refused_together() -> None:
    each = LIMITS.stream_bytes // MiB - 1
    streams = LIMITS.decoded_bytes // MiB // each + 1
    assert refused(hostile.deflate_bomb(mib=each, streams=streams)) is Refusal.STREAM_TOO_LARGE


@pytest.mark.parametrize("where", ["array", "dict", "content"])
def test_nesting_deeper_than_the_limit_is_refused(where) -> None:
    assert refused(hostile.nested(LIMITS.depth + 1, where)) is Refusal.TOO_DEEP
    assert read_pages(hostile.nested(LIMITS.depth - 1, where)) == [""]


def test_more_pages_than_the_limit_are_refused_before_any_is_read() -> None:
    assert refused(hostile.many_pages(LIMITS.pages + 1)) is Refusal.TOO_MANY_PAGES
    assert read_pages(hostile.many_pages(LIMITS.pages)) == [""] * LIMITS.pages


def test_a_file_within_the_checks_that_needs_too_much_memory_meets_the_cap() -> None:
    # Three million characters, about 3 GB of pdfplumber objects; a smaller cap gets there sooner.
    pdf = hostile.heavy_text(3_000_000)
    assert len(pdf) < LIMITS.file_bytes
    assert refused(pdf, replace(LIMITS, memory_bytes=128 * MiB)) is Refusal.OUT_OF_MEMORY


def test_a_file_that_takes_too_long_is_stopped_by_the_clock() -> None:
    # Megabytes of zero bytes, which pdfminer reads one at a time: seconds of work, on a
    # clock of a fraction of one.
    assert refused(hostile.slow_zeros(3 * MiB), replace(LIMITS, seconds=0.3)) is Refusal.OUT_OF_TIME


def test_a_damaged_stream_is_unreadable_not_retried_byte_by_byte() -> None:
    with pytest.raises(ValueError):
        read_pages(hostile.cut_short())


def test_a_genuine_certificate_is_well_inside_every_limit() -> None:
    rendered = render_certificate(household(12), SIGNER)
    assert len(rendered.pdf) < LIMITS.file_bytes // 5
    pages = rendered.pages + rendered.back_pages
    tight = replace(LIMITS, file_bytes=LIMITS.file_bytes // 5, pages=pages,
                    depth=LIMITS.depth // 4, stream_bytes=LIMITS.stream_bytes // 4,
                    decoded_bytes=LIMITS.decoded_bytes // 8, text_chars=LIMITS.text_chars // 10,
                    page_points=900, page_objects=LIMITS.page_objects // 50)
    result = verify_pdf(rendered.pdf, lambda code: KEY.public_key(), tight)
    assert result.verdict is Verdict.GENUINE, result
    assert len(read_pages(rendered.pdf, tight)) == pages
