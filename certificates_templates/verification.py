"""The verification code (検証コード) and `verify_pdf`: is a printed certificate what its
municipality issued, as the eye sees it?

Each copy's verification code signs, with the municipality's key, the digest of the signed
record the back page carries (`certificates_templates.record`: the document's data):

    KV2.<municipality code>.<document id>.<record digest, 16 bytes b64url>.<Ed25519 b64url>

The signature covers b"KV2|<code>|<document id>|" + digest, so each copy (its own 発行番号)
has its own. The code is printed in small type and as a QR code on every page.

`verify_pdf` hands the PDF to a bounded child process (`pdf_guard.inspect_pdf`) that reads
the codes off the back page's rendered pixels, draws the front and back again from the record
with this very renderer and compares both, page by page, as pixels and as text
(`inspection`); here the municipality's signature over that record is checked. Anything the
eye would see differently — a covering box, a recoloured or moved word, an overlay, another
certificate's back page — is ALTERED, with where; a damaged file is UNREADABLE.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from certificates_templates.findings import Difference, Inspection
from certificates_templates.pdf_guard import LIMITS, Limits, Refusal, Refused

VERSION = "KV2"
MARKER = "検証コード"
DIGEST_BYTES = 16
DOCUMENT_ID = r"[A-Za-z0-9-]{1,48}"
MUNICIPALITY_CODE = r"[0-9A-Za-z_-]{1,16}"   # also names the key files (backend.document_keys)
_DOC_ID = re.compile(DOCUMENT_ID)
PAYLOAD = (rf"KV2\.(?P<code>{MUNICIPALITY_CODE})\.(?P<doc>{DOCUMENT_ID})\."
           r"(?P<digest>[A-Za-z0-9_-]{22})\.(?P<sig>[A-Za-z0-9_-]{86})")
_PAYLOAD = re.compile(PAYLOAD)


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


@dataclass(frozen=True)
class RecordedSignature:
    """A signer that has already signed: `kiosk verify` draws a copy again with its own code."""

    municipality_code: str
    signature: bytes

    def sign(self, message: bytes) -> bytes:
        return self.signature


def canonical(text: str) -> str:
    """Text as compared: NFKC, without white space (extractors space and break at will)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _message(code: str, document_id: str, digest: bytes) -> bytes:
    return f"{VERSION}|{code}|{document_id}|".encode("ascii") + digest


def check_document_id(document_id: str) -> str:
    if not _DOC_ID.fullmatch(document_id):
        raise ValueError(f"document id must be 1–48 of A–Z a–z 0–9 '-': {document_id!r}")
    return document_id


def make_payload(signer: Signer, document_id: str, record_digest: bytes) -> str:
    """The verification code of one copy: `document_id` and the record's digest, signed."""
    check_document_id(document_id)
    digest = record_digest[:DIGEST_BYTES]
    sig = signer.sign(_message(signer.municipality_code, document_id, digest))
    return ".".join((VERSION, signer.municipality_code, document_id, _b64(digest), _b64(sig)))


@dataclass(frozen=True)
class Payload:
    municipality_code: str
    document_id: str
    digest: bytes
    signature: bytes


def parse_payload(text: str) -> Payload | None:
    m = _PAYLOAD.fullmatch(canonical(text))
    if not m:
        return None
    return Payload(m["code"], m["doc"], _unb64(m["digest"]), _unb64(m["sig"]))


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_ISSUER = "unknown_issuer"
    NO_CODE = "no_code"
    DAMAGED_CODE = "damaged_code"    # a verification code, but the back's record is not whole
    OTHER_LAYOUT = "other_layout"    # drawn by another version of the layouts: not re-drawable
    UNREADABLE = "unreadable"
    REFUSED = "refused"          # beyond a limit of certificates_templates.pdf_guard: not checked


@dataclass(frozen=True)
class VerifyResult:
    """A verdict; kiosk.catalogue words it (`verdict_message`, `difference_messages`)."""

    verdict: Verdict
    payload: Payload | None = None
    refusal: Refusal | None = None
    differences: tuple[Difference, ...] = ()

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.GENUINE


PublicKeys = Callable[[str], Ed25519PublicKey | None]


def verify_pdf(pdf: bytes, public_key: PublicKeys, limits: Limits = LIMITS) -> VerifyResult:
    """Whoever made `pdf`: it is read, drawn and compared in a bounded child process."""
    from certificates_templates.pdf_guard import inspect_pdf

    try:
        found = inspect_pdf(pdf, limits)
    except Refused as refused:
        return VerifyResult(Verdict.REFUSED, refusal=refused.refusal)
    except ValueError:
        return VerifyResult(Verdict.UNREADABLE)
    return judge(found, public_key)


def judge(found: Inspection, public_key: PublicKeys) -> VerifyResult:
    """The verdict on what the child found: first whose code it is and whether it signs the
    record found, then what the comparison with the record's own drawing showed."""
    payload = parse_payload(found.payload) if found.payload else None
    if payload is None:
        return VerifyResult(Verdict.DAMAGED_CODE if found.record else Verdict.NO_CODE)
    signed = verify_payload(payload, found.record, public_key)
    if signed is not None:
        return signed
    if found.other_layout:
        return VerifyResult(Verdict.OTHER_LAYOUT, payload)
    if found.differences:
        return VerifyResult(Verdict.ALTERED, payload, differences=found.differences)
    return VerifyResult(Verdict.GENUINE, payload)


def verify_payload(payload: Payload, record: bytes | None,
                   public_key: PublicKeys) -> VerifyResult | None:
    """None when the issuer's key verifies the code and the code signs `record`; else why not."""
    from certificates_templates.record import digest

    key = public_key(payload.municipality_code)
    if key is None:
        return VerifyResult(Verdict.UNKNOWN_ISSUER, payload)
    try:
        key.verify(payload.signature,
                   _message(payload.municipality_code, payload.document_id, payload.digest))
    except InvalidSignature:
        return VerifyResult(Verdict.BAD_SIGNATURE, payload)
    if record is None:
        return VerifyResult(Verdict.DAMAGED_CODE, payload)
    if digest(record)[:DIGEST_BYTES] != payload.digest:
        # A genuine code over another record: the back page is not this copy's.
        return VerifyResult(Verdict.ALTERED, payload, differences=(Difference.back_page(),))
    return None
