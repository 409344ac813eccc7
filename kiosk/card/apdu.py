"""ISO 7816-4 command and response APDUs: short and extended encodings, status words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class SW(IntEnum):
    """The status words the My Number card answers with."""

    OK = 0x9000
    AUTHENTICATION_FAILED = 0x6300  # EXTERNAL AUTHENTICATE: the cryptogram does not match
    WRONG_PIN = 0x63C0              # | tries left in the low nibble
    BLOCKED = 0x6984                # authentication method blocked
    SECURITY_NOT_SATISFIED = 0x6982
    CONDITIONS_NOT_SATISFIED = 0x6985   # e.g. EXTERNAL AUTHENTICATE with no challenge given
    NO_CURRENT_EF = 0x6986          # command not allowed (no or wrong EF selected)
    WRONG_DATA = 0x6A80
    FILE_NOT_FOUND = 0x6A82
    WRONG_P1P2 = 0x6A86
    REFERENCE_NOT_FOUND = 0x6A88    # the referenced key is not on the card
    OFFSET_OUTSIDE = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    WRONG_LENGTH = 0x6700


def wrong_pin(tries_left: int) -> int:
    return SW.WRONG_PIN | (tries_left & 0x0F)


def is_wrong_pin(sw: int) -> bool:
    return sw & 0xFFF0 == SW.WRONG_PIN


class MalformedAPDU(ValueError):
    """The bytes are not a well-formed command APDU (the card answers 67 00)."""


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None        # expected length Ne (1..65536), None: no Le field
    extended: bool = False

    def encode(self) -> bytes:
        """Short form when everything fits, else extended (ISO 7816-4 §5.1)."""
        header = bytes((self.cla, self.ins, self.p1, self.p2))
        lc, ne = len(self.data), self.le
        if lc > 65535 or (ne is not None and not 1 <= ne <= 65536):
            raise ValueError("APDU too long")
        if not self.extended and lc <= 255 and (ne is None or ne <= 256):
            body = (bytes((lc,)) + self.data) if lc else b""
            return header + body + (bytes((ne & 0xFF,)) if ne is not None else b"")
        body = (b"\x00" + lc.to_bytes(2, "big") + self.data) if lc else b""
        if ne is not None:
            le = (ne & 0xFFFF).to_bytes(2, "big")
            body += le if lc else b"\x00" + le
        return header + body

    @classmethod
    def parse(cls, raw: bytes) -> Command:
        """Decode the four ISO cases, short and extended; MalformedAPDU if inconsistent."""
        if len(raw) < 4:
            raise MalformedAPDU("shorter than a header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:                                           # case 1
            return cls(cla, ins, p1, p2)
        if len(body) == 1:                                     # case 2 short
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        if body[0] != 0:                                       # case 3/4 short
            lc = body[0]
            if len(body) == 1 + lc:
                return cls(cla, ins, p1, p2, body[1:])
            if len(body) == 2 + lc:
                return cls(cla, ins, p1, p2, body[1:1 + lc], le=body[-1] or 256)
            raise MalformedAPDU("Lc does not match the data")
        if len(body) == 3:                                     # case 2 extended
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536,
                       extended=True)
        if len(body) < 3:
            raise MalformedAPDU("truncated extended length")
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise MalformedAPDU("extended Lc of zero")
        if len(body) == 3 + lc:                                # case 3 extended
            return cls(cla, ins, p1, p2, body[3:], extended=True)
        if len(body) == 5 + lc:                                # case 4 extended
            return cls(cla, ins, p1, p2, body[3:3 + lc],
                       le=int.from_bytes(body[-2:], "big") or 65536, extended=True)
        raise MalformedAPDU("extended Lc does not match the data")


def response(data: bytes, sw: int) -> bytes:
    return bytes(data) + sw.to_bytes(2, "big")


def split_response(raw: bytes) -> tuple[bytes, int]:
    """(data, sw) of a response APDU; MalformedAPDU if it has no status word."""
    if len(raw) < 2:
        raise MalformedAPDU("response without a status word")
    return bytes(raw[:-2]), int.from_bytes(raw[-2:], "big")
