"""`verify_pdf` on what a hostile or careless hand gives it: cut-short certificates, a page of
objects just under the limit, an image claiming gigabytes. Each ends within the reading
limits' time, never as 本物, never with a traceback."""

import time

import pytest

from certificates_templates import render_certificate
from certificates_templates.pdf_guard import LIMITS
from certificates_templates.verification import Verdict, verify_pdf

from . import hostile
from .samples import KEY, SIGNER, household

BOUND = LIMITS.seconds + 10          # the child's limit, and the interpreter's start on a busy machine


def _lookup(code):
    return KEY.public_key() if code == "272191" else None


def _verify_in_time(pdf: bytes) -> Verdict:
    started = time.monotonic()
    verdict = verify_pdf(pdf, _lookup).verdict
    assert time.monotonic() - started < BOUND
    return verdict


@pytest.fixture(scope="module")
def genuine() -> bytes:
    return render_certificate(household(4), SIGNER).pdf


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.9, 0.98, 0.999])
def test_a_certificate_cut_short_is_never_genuine(genuine, fraction):
    verdict = _verify_in_time(genuine[:int(len(genuine) * fraction)])
    assert verdict in (Verdict.UNREADABLE, Verdict.ALTERED, Verdict.NO_CODE,
                       Verdict.DAMAGED_CODE), verdict


def test_objects_just_under_the_limit_are_drawn_and_found_wanting():
    assert _verify_in_time(hostile.many_objects(LIMITS.page_objects - 10)) is Verdict.NO_CODE


def test_an_image_claiming_gigabytes_ends_in_time():
    assert _verify_in_time(hostile.image_bomb()) in (Verdict.NO_CODE, Verdict.UNREADABLE,
                                                     Verdict.REFUSED)
