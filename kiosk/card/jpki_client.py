"""The JPKI client: small typed functions over a `CardTransport`, one APDU exchange each.

They speak to any card that answers like the My Number card — the virtual one in-process,
or a card behind pcscd — and turn every status word a person can meet into a `CardError`
with a reason. Anything unexpected (a malformed or truncated answer) is CARD_UNREADABLE.
"""

from __future__ import annotations

from backend.reasons import Reason
from kiosk.card.apdu import SW, Command, is_wrong_pin
from kiosk.card.errors import CardError
from kiosk.card.jpki_ids import EF_AUTH_CERT, EF_AUTH_KEY, EF_AUTH_PIN, JPKI_AID
from kiosk.card.transport import CardTransport

MAX_SHORT_LE = 256
MAX_CERTIFICATE = 8192          # far above a real certificate; guards against nonsense lengths
SIGNATURE_LENGTH = 256          # RSA-2048


def exchange(transport: CardTransport, command: Command) -> tuple[bytes, int]:
    try:
        data, sw = transport.transmit(command.encode())
    except (OSError, ValueError, TypeError) as exc:   # a CardError passes through as it is
        raise CardError(Reason.CARD_UNREADABLE, detail=f"transport: {exc}") from exc
    if not isinstance(data, (bytes, bytearray)) or not isinstance(sw, int) or not 0 <= sw <= 0xFFFF:
        raise CardError(Reason.CARD_UNREADABLE, detail="not a response APDU")
    return bytes(data), sw


def unexpected(what: str, sw: int) -> CardError:
    return CardError(Reason.CARD_UNREADABLE, detail=f"{what}: SW {sw:04X}")


def _expect_ok(what: str, data: bytes, sw: int, *, no_data: bool = True) -> bytes:
    if sw != SW.OK:
        raise unexpected(what, sw)
    if no_data and data:
        raise CardError(Reason.CARD_UNREADABLE, detail=f"{what}: unexpected data")
    return data


def select_jpki(transport: CardTransport) -> None:
    """SELECT the JPKI application; UNKNOWN_CARD if the card has none (not a My Number card)."""
    data, sw = exchange(transport, Command(0x00, 0xA4, 0x04, 0x0C, JPKI_AID))
    if sw in (SW.FILE_NOT_FOUND, SW.INS_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED, SW.WRONG_P1P2):
        raise CardError(Reason.UNKNOWN_CARD, detail=f"no JPKI application: SW {sw:04X}")
    _expect_ok("select JPKI AP", data, sw)


def select_ef(transport: CardTransport, fid: int) -> None:
    data, sw = exchange(transport, Command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
    if sw == SW.FILE_NOT_FOUND:
        raise CardError(Reason.UNKNOWN_CARD, detail=f"no EF {fid:04X}")
    _expect_ok(f"select EF {fid:04X}", data, sw)


def read_binary(transport: CardTransport, offset: int, length: int) -> bytes:
    """READ BINARY of exactly `length` bytes at `offset` (short Le up to 256, else extended)."""
    if not 0 <= offset <= 0x7FFF or not 1 <= length <= 65536:
        raise ValueError("offset or length out of range")
    command = Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=length,
                      extended=length > MAX_SHORT_LE)
    data, sw = exchange(transport, command)
    if sw == SW.SECURITY_NOT_SATISFIED:
        raise CardError(Reason.CARD_UNREADABLE, detail="read needs a PIN")
    _expect_ok("read binary", data, sw, no_data=False)
    if len(data) != length:
        raise CardError(Reason.CARD_UNREADABLE,
                        detail=f"read binary: {len(data)} bytes, expected {length}")
    return data


def der_length(header: bytes) -> int:
    """Total length of the DER SEQUENCE whose first four bytes are `header` (30 82 LL LL)."""
    if len(header) < 4 or header[0] != 0x30:
        raise CardError(Reason.CARD_UNREADABLE, detail="certificate does not start a SEQUENCE")
    if header[1] == 0x82:
        total = 4 + int.from_bytes(header[2:4], "big")
    elif header[1] == 0x81:
        total = 3 + header[2]
    elif header[1] < 0x80:
        total = 2 + header[1]
    else:
        raise CardError(Reason.CARD_UNREADABLE, detail="certificate length form")
    if not 4 <= total <= MAX_CERTIFICATE:
        raise CardError(Reason.CARD_UNREADABLE, detail=f"certificate length {total}")
    return total


def read_certificate(transport: CardTransport, fid: int = EF_AUTH_CERT) -> bytes:
    """The DER certificate in EF `fid` (the JPKI AP must be selected): its length comes from
    the DER header (the first four bytes), the rest in one READ BINARY."""
    select_ef(transport, fid)
    header = read_binary(transport, 0, 4)
    total = der_length(header)
    return header + read_binary(transport, 4, total - 4) if total > 4 else header[:total]


def tries_left(transport: CardTransport, pin_fid: int = EF_AUTH_PIN) -> int:
    """VERIFY without data: how many wrong tries remain (0: locked)."""
    select_ef(transport, pin_fid)
    return selected_pin_tries_left(transport)


def selected_pin_tries_left(transport: CardTransport) -> int:
    """The tries left of the PIN EF already selected (VERIFY without data)."""
    data, sw = exchange(transport, Command(0x00, 0x20, 0x00, 0x80))
    if sw == SW.BLOCKED:
        return 0
    if data or not is_wrong_pin(sw):
        raise unexpected("PIN status", sw)
    return sw & 0x0F


def _pin_bytes(pin: str) -> bytes:
    try:
        return pin.encode("ascii")
    except (UnicodeEncodeError, AttributeError) as exc:
        raise ValueError("a PIN is ASCII") from exc


def verify(transport: CardTransport, pin: str, pin_fid: int = EF_AUTH_PIN) -> None:
    """VERIFY the PIN; PIN_WRONG (with tries left) or PIN_LOCKED."""
    select_ef(transport, pin_fid)
    data, sw = exchange(transport, Command(0x00, 0x20, 0x00, 0x80, _pin_bytes(pin)))
    if sw == SW.OK and not data:
        return
    if sw == SW.BLOCKED or sw == SW.WRONG_PIN:
        raise CardError(Reason.PIN_LOCKED, 0)
    if is_wrong_pin(sw) and not data:
        raise CardError(Reason.PIN_WRONG, sw & 0x0F)
    if sw == SW.WRONG_LENGTH:
        raise CardError(Reason.PIN_WRONG, None, detail="PIN of the wrong length")
    raise unexpected("verify", sw)


def sign(transport: CardTransport, digest_info: bytes, key_fid: int = EF_AUTH_KEY) -> bytes:
    """COMPUTE DIGITAL SIGNATURE over a DER DigestInfo with the key in `key_fid`."""
    select_ef(transport, key_fid)
    data, sw = exchange(transport, Command(0x80, 0x2A, 0x00, 0x80, digest_info,
                                            le=MAX_SHORT_LE))
    if sw == SW.SECURITY_NOT_SATISFIED:
        raise CardError(Reason.CARD_UNREADABLE, detail="sign without a verified PIN")
    _expect_ok("sign", data, sw, no_data=False)
    if len(data) != SIGNATURE_LENGTH:
        raise CardError(Reason.CARD_UNREADABLE, detail=f"signature of {len(data)} bytes")
    return data
