"""The verification code (検証コード): a signature by the municipality over the content digest.

Content digest: SHA-256 over the document's text in content-stream order, NFKC-normalised with
all whitespace removed, page after page, each page's text cut before the verification block
(which is drawn last on every page and starts with `MARKER`). The renderer computes it from the
strings it draws; `verify_pdf` recomputes it from the text extracted from the PDF, so editing
any printed character — a name, a date, a digit — breaks it.

Payload (ASCII, in the QR code and printed in small type under the marker):
    KV1.<municipality code>.<document id>.<digest, 16 bytes b64url>.<Ed25519 signature b64url>
The signature covers b"KV1|<code>|<id>|" + digest.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from certificates_templates.pdf_guard import LIMITS, Limits, Refusal, Refused, read_pages

VERSION = "KV1"
MARKER = "検証コード"
DIGEST_BYTES = 16
DOCUMENT_ID = r"[A-Za-z0-9-]{1,40}"
MUNICIPALITY_CODE = r"[0-9A-Za-z_-]{1,16}"   # also names the key files (backend.document_keys)
_DOC_ID = re.compile(DOCUMENT_ID)
_PAYLOAD = re.compile(
    rf"KV1\.(?P<code>{MUNICIPALITY_CODE})\.(?P<doc>{DOCUMENT_ID})\."
    r"(?P<digest>[A-Za-z0-9_-]{22})\.(?P<sig>[A-Za-z0-9_-]{86})")


class Signer(Protocol):
    @property
    def municipality_code(self) -> str: ...     # read only: a frozen dataclass fits

    def sign(self, message: bytes) -> bytes: ...


@dataclass(frozen=True)
class Ed25519Signer:
    municipality_code: str
    key: Ed25519PrivateKey

    def sign(self, message: bytes) -> bytes:
        return self.key.sign(message)


def canonical(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def content_digest(pages: Iterable[str]) -> bytes:
    h = hashlib.sha256()
    for page in pages:
        h.update(canonical(page).encode("utf-8"))
        h.update(b"\x0c")  # a page break is content too: moving text across pages is a change
    return h.digest()[:DIGEST_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _message(code: str, document_id: str, digest: bytes) -> bytes:
    return f"{VERSION}|{code}|{document_id}|".encode("ascii") + digest


def check_document_id(document_id: str) -> str:
    if not _DOC_ID.fullmatch(document_id):
        raise ValueError(f"document id must be 1–40 of A–Z a–z 0–9 '-': {document_id!r}")
    return document_id


def make_payload(signer: Signer, document_id: str, digest: bytes) -> str:
    check_document_id(document_id)
    sig = signer.sign(_message(signer.municipality_code, document_id, digest))
    return ".".join((VERSION, signer.municipality_code, document_id, _b64(digest), _b64(sig)))


@dataclass(frozen=True)
class Payload:
    municipality_code: str
    document_id: str
    digest: bytes
    signature: bytes


def parse_payload(text: str) -> Payload | None:
    m = _PAYLOAD.search(canonical(text))
    if not m:
        return None
    return Payload(m["code"], m["doc"], _unb64(m["digest"]), _unb64(m["sig"]))


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_ISSUER = "unknown_issuer"
    NO_CODE = "no_code"
    UNREADABLE = "unreadable"
    REFUSED = "refused"          # beyond a limit of certificates_templates.pdf_guard: not checked


@dataclass(frozen=True)
class VerifyResult:
    """A verdict; kiosk.catalogue words it (`verdict_message`)."""

    verdict: Verdict
    payload: Payload | None = None
    refusal: Refusal | None = None

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.GENUINE


def split_page(text: str) -> tuple[str, str] | None:
    """(content, verification block) of one page's text, or None without a block."""
    at = text.rfind(MARKER)
    return None if at < 0 else (text[:at], text[at + len(MARKER):])


def verify_pdf(pdf: bytes, public_key: Callable[[str], Ed25519PublicKey | None],
               limits: Limits = LIMITS) -> VerifyResult:
    """Whoever made `pdf`: its text is read in a bounded child process (pdf_guard.read_pages)."""
    try:
        pages = read_pages(pdf, limits)
    except Refused as refused:
        return VerifyResult(Verdict.REFUSED, refusal=refused.refusal)
    except ValueError:
        return VerifyResult(Verdict.UNREADABLE)
    parts = [split_page(p) for p in pages]
    if not pages or any(p is None for p in parts):
        return VerifyResult(Verdict.NO_CODE)
    payloads = {parse_payload(block) for _, block in parts}  # type: ignore[misc]
    if len(payloads) != 1 or None in payloads:
        return VerifyResult(Verdict.NO_CODE if None in payloads else Verdict.ALTERED)
    payload = payloads.pop()
    assert payload is not None
    return verify_payload(payload, (content for content, _ in parts), public_key)  # type: ignore[misc]


def verify_payload(payload: Payload, contents: Iterable[str],
                   public_key: Callable[[str], Ed25519PublicKey | None]) -> VerifyResult:
    """Check a verification code (printed or read from the QR code) against the text of the
    pages it claims to certify: the issuer's signature first, then the content digest."""
    key = public_key(payload.municipality_code)
    if key is None:
        return VerifyResult(Verdict.UNKNOWN_ISSUER, payload)
    try:
        key.verify(payload.signature,
                   _message(payload.municipality_code, payload.document_id, payload.digest))
    except InvalidSignature:
        return VerifyResult(Verdict.BAD_SIGNATURE, payload)
    if content_digest(contents) != payload.digest:
        return VerifyResult(Verdict.ALTERED, payload)
    return VerifyResult(Verdict.GENUINE, payload)
