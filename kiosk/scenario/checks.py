"""A scenario's expectations, checked against what was seen once the kiosk had settled.

The player gathers a `Seen` (screen, visible text, the last fee, the coin tray, the printer's
tray, the card's PIN tries); `check` compares it with an `Expect` and returns one line per
expectation that does not hold (none: it holds). Text is compared regardless of line
wrapping, padding and the buttons' drawn borders, as a person reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kiosk.scenario.steps import Expect

if TYPE_CHECKING:
    from backend.config import Paths
    from kiosk.card.transport import CardTransport

T = TypeVar("T")

DRAWING = r"[\u2500-\u259f▔▁▕▏]+"   # box drawing and block elements: borders, not words


def squash(text: str) -> str:
    """Text without white space and box-drawing borders: equal however it is wrapped."""
    return re.sub(rf"\s+|{DRAWING}", "", text)


def words(text: str, limit: int = 300) -> str:
    """The screen's words on one line, without the buttons' drawn edges (for messages)."""
    flat = " ".join(re.sub(DRAWING, " ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def pdf_text(path: Path) -> str:
    """The text of a printed PDF, page after page, read in-process by PDFium (the engine of
    Chrome's viewer) in reading order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _ask_card(paths: Paths, card_name: str, ask: Callable[[CardTransport], T]) -> T:
    """`ask` the card itself, by APDUs on a second, private reader (the kiosk's stays as it is)."""
    from kiosk.card.virtual.inprocess import InProcessReader

    reader = InProcessReader(paths.card_tray)
    reader.place(card_name)
    try:
        return ask(reader.connect())
    finally:
        reader.remove()


def card_tries_left(paths: Paths, card_name: str) -> int:
    """How many user-auth PIN tries the card has left."""
    from kiosk.card.auth import read_card

    return _ask_card(paths, card_name, lambda card: read_card(card).pin_tries_left)


def card_signing_tries_left(paths: Paths, card_name: str) -> int | str:
    """How many signing-password tries the card has left (a text when it has no signing
    certificate)."""
    from backend.reasons import Reason
    from kiosk.card.errors import CardError
    from kiosk.card.pin_reset import signing_pin_tries_left

    try:
        return _ask_card(paths, card_name, signing_pin_tries_left)
    except CardError as exc:
        if exc.reason == Reason.NO_SIGNING_CERTIFICATE:
            return "no signing certificate on the card"
        raise


@dataclass(frozen=True)
class Seen:
    """What the kiosk showed and held once settled. What is costly to learn (the card's PIN
    tries) is asked only when an expectation needs it, else left None."""

    screen: str                        # the screen's id
    text: str                          # the visible text, line by line
    fee: int | None = None             # the last total shown (the session may be over)
    change: int = 0                    # yen in the return tray that are change...
    refund: int = 0                    # ... and that are refunds
    printed: int = 0                   # certificates lying in the printer's tray
    certificate: Path | None = None    # (a copy of) the last certificate printed
    pin_tries_left: int | str | None = None   # a text says why it could not be asked
    signing_pin_tries_left: int | str | None = None


def check(expect: Expect, seen: Seen) -> list[str]:
    """One line for each expectation that does not hold, in the order of `Expect`'s fields."""
    problems: list[str] = []
    if expect.screen is not None and seen.screen != expect.screen:
        problems.append(f"expected screen '{expect.screen}', got '{seen.screen}'")
    problems += check_text(expect, seen.text)
    for name, want, have in (
        ("fee", expect.fee, seen.fee),
        ("change", expect.change, seen.change),
        ("refund", expect.refund, seen.refund),
        ("printed", expect.printed, seen.printed),
        ("pin_tries_left", expect.pin_tries_left, seen.pin_tries_left),
        ("signing_pin_tries_left", expect.signing_pin_tries_left, seen.signing_pin_tries_left),
    ):
        if want is not None and have != want:
            problems.append(f"expected {name} {want}, got {have}")
    if expect.pdf_text or expect.pdf_lacks:
        if seen.certificate is None:
            problems.append("expected a printed certificate, none was printed")
        else:
            problems += check_pdf(expect, seen.certificate.name, pdf_text(seen.certificate))
    return problems


def check_text(expect: Expect, shown: str) -> list[str]:
    """`text` must be on the screen (as shown, or across its wrapping); `text_lacks` must not."""
    problems = [f"expected text {t!r} on screen" for t in expect.text
                if t not in shown and squash(t) not in squash(shown)]
    problems += [f"did not expect text {t!r} on screen" for t in expect.text_lacks
                 if squash(t) in squash(shown)]
    return problems


def check_pdf(expect: Expect, name: str, text: str) -> list[str]:
    """`pdf_text` must be in the certificate `name` whose text is `text`; `pdf_lacks` must not."""
    flat = squash(text)
    problems = [f"expected {t!r} in {name}" for t in expect.pdf_text if squash(t) not in flat]
    problems += [f"did not expect {t!r} in {name}" for t in expect.pdf_lacks if squash(t) in flat]
    return problems
