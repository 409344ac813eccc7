"""A virtual My Number card (マイナンバーカード) answering ISO 7816 APDUs.

It follows the public descriptions of the card (OpenSC's JPKI driver, the jpki/myna tools):
the JPKI application (公的個人認証 AP) with the user-auth and signing keys, and the
券面事項入力補助AP. State that a real chip keeps across power-off — PINs and their wrong-try
counters — is written back to the card image file at once; the security state (which PIN was
verified, which file is selected) lives only while the card is powered. The signing-PIN reset
by the J-LIS authority (GET CHALLENGE, EXTERNAL AUTHENTICATE, RESET RETRY COUNTER) is in
`kiosk.card.virtual.reset`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from backend.jpki.card_image import (CardImage, KeyApplication, PinState, is_valid_signing_pin,
                                     is_valid_user_auth_pin, load_card, load_card_file)
from backend.jpki.pkcs1 import SHA256_DIGEST_INFO_PREFIX, pad_for_signature
from kiosk.card.apdu import SW, Command, MalformedAPDU, response, wrong_pin
from kiosk.card.virtual.reset import (INS_EXTERNAL_AUTHENTICATE, INS_GET_CHALLENGE,
                                      INS_RESET_RETRY_COUNTER, ResetAuthority)

from kiosk.card.jpki_ids import (ATR, EF_AUTH_CA_CERT, EF_AUTH_CERT, EF_AUTH_KEY,  # noqa: F401
                                 EF_AUTH_PIN, EF_BASIC_FOUR, EF_KENMEN_PIN, EF_MY_NUMBER,
                                 EF_SIGN_CA_CERT, EF_SIGN_CERT, EF_SIGN_KEY, EF_SIGN_PIN,
                                 EF_TOKEN_INFO, JPKI_AID, KENMEN_AID, TOKEN_INFO)

CLA_ISO, CLA_PROPRIETARY = 0x00, 0x80
INS_SELECT, INS_READ_BINARY, INS_VERIFY, INS_CHANGE, INS_SIGN = 0xA4, 0xB0, 0x20, 0x24, 0x2A
INSTRUCTION_CLASS = {INS_SELECT: CLA_ISO, INS_READ_BINARY: CLA_ISO, INS_VERIFY: CLA_ISO,
                     INS_CHANGE: CLA_ISO, INS_SIGN: CLA_PROPRIETARY,
                     INS_GET_CHALLENGE: CLA_ISO, INS_EXTERNAL_AUTHENTICATE: CLA_ISO,
                     INS_RESET_RETRY_COUNTER: CLA_ISO}
PREHASHED = {SHA256_DIGEST_INFO_PREFIX: hashes.SHA256()}


class App(Enum):
    JPKI = "jpki"
    KENMEN = "kenmen"


class Kind(Enum):
    DATA = "data"
    PIN = "pin"
    KEY = "key"


@dataclass(frozen=True)
class EF:
    kind: Kind
    pin: int | None = None      # the PIN EF whose verification this file needs


def tlv(tag: bytes, value: bytes) -> bytes:
    n = len(value)
    length = bytes((n,)) if n < 0x80 else (b"\x81" + bytes((n,)) if n < 0x100
                                          else b"\x82" + n.to_bytes(2, "big"))
    return tag + length + value


def my_number_record(my_number: str) -> bytes:
    """EF 0001 of the 券面事項入力補助AP: FF 10 0C + 12 ASCII digits, padded."""
    return (b"\xff\x10\x0c" + my_number.encode("ascii")).ljust(17, b"\xff")


def basic_four_record(image: CardImage) -> bytes:
    """EF 0002: FF 20 len { DF21 header, DF22 name, DF23 address, DF24 birth, DF25 sex }."""
    h = image.holder
    # The header is an offset table in the real card; the simulation fills it with zeros.
    body = (tlv(b"\xdf\x21", bytes(17)) + tlv(b"\xdf\x22", h.name.encode())
            + tlv(b"\xdf\x23", h.address.encode())
            + tlv(b"\xdf\x24", h.birth_date.strftime("%Y%m%d").encode())
            + tlv(b"\xdf\x25", h.sex.encode()))
    return tlv(b"\xff\x20", body)


class VirtualCard:
    """The chip. `process(apdu) -> response bytes` (data + SW1 SW2); never raises on input."""

    atr = ATR

    def __init__(self, image: CardImage, *, persist: bool = True) -> None:
        self.image = image
        self.persist = persist and image.path is not None
        self._keys: dict[int, rsa.RSAPrivateKey] = {}
        self.power_off()

    @classmethod
    def from_tray(cls, card_tray: Path, card_name: str) -> VirtualCard:
        return cls(load_card(card_tray, card_name))

    # -- power --------------------------------------------------------------------------
    def power_on(self) -> None:
        """Contact: re-read the image, so a 窓口 unlock done meanwhile is seen (ValueError if
        the file is no longer a card image)."""
        if self.persist and self.image.path is not None and self.image.path.exists():
            fresh = load_card_file(self.image.path)
            if fresh.user_auth.certificate != self.image.user_auth.certificate:
                self._keys.clear()
            self.image = fresh
        self.power_off()

    def power_off(self) -> None:
        self.app: App | None = None
        self.current: int | None = None
        self.verified: set[tuple[App, int]] = set()
        # The user-auth PIN verified since power-on: what the signing-PIN reset asks of the
        # holder. Unlike `verified`, selecting an application again does not forget it (the
        # kiosk verifies at ④ and resets later, re-selecting the JPKI AP); a wrong try does.
        self.user_auth_verified = False
        self.authority = ResetAuthority()

    # -- files --------------------------------------------------------------------------
    def _files(self, app: App) -> dict[int, EF]:
        if app is App.KENMEN:
            return {EF_KENMEN_PIN: EF(Kind.PIN), EF_MY_NUMBER: EF(Kind.DATA, EF_KENMEN_PIN),
                    EF_BASIC_FOUR: EF(Kind.DATA, EF_KENMEN_PIN)}
        files = {EF_TOKEN_INFO: EF(Kind.DATA), EF_AUTH_CERT: EF(Kind.DATA),
                 EF_AUTH_CA_CERT: EF(Kind.DATA), EF_AUTH_PIN: EF(Kind.PIN),
                 EF_AUTH_KEY: EF(Kind.KEY, EF_AUTH_PIN)}
        if self.image.signing is not None:
            files |= {EF_SIGN_CERT: EF(Kind.DATA, EF_SIGN_PIN), EF_SIGN_CA_CERT: EF(Kind.DATA),
                      EF_SIGN_PIN: EF(Kind.PIN), EF_SIGN_KEY: EF(Kind.KEY, EF_SIGN_PIN)}
        return files

    def _content(self, app: App, fid: int) -> bytes:
        img = self.image
        if app is App.KENMEN:
            return my_number_record(img.holder.my_number) if fid == EF_MY_NUMBER \
                else basic_four_record(img)
        signing = img.signing
        return {EF_TOKEN_INFO: TOKEN_INFO, EF_AUTH_CERT: img.user_auth.certificate,
                EF_AUTH_CA_CERT: img.user_auth.ca_certificate,
                EF_SIGN_CERT: signing.certificate if signing else b"",
                EF_SIGN_CA_CERT: signing.ca_certificate if signing else b""}[fid]

    def _pin(self, app: App, fid: int) -> PinState:
        if app is App.KENMEN:
            return self.image.kenmen
        return self.image.user_auth if fid == EF_AUTH_PIN else self._signing()

    def _signing(self) -> KeyApplication:
        assert self.image.signing is not None
        return self.image.signing

    def _key_app(self, fid: int) -> KeyApplication:
        return self.image.user_auth if fid == EF_AUTH_KEY else self._signing()

    def _save(self) -> None:
        if self.persist:
            self.image.save()

    def _selected(self) -> tuple[App, int, EF] | None:
        if self.app is None or self.current is None:
            return None
        return self.app, self.current, self._files(self.app)[self.current]

    def _allowed(self, app: App, ef: EF) -> bool:
        return ef.pin is None or (app, ef.pin) in self.verified

    # -- commands -----------------------------------------------------------------------
    def process(self, raw: bytes) -> bytes:
        try:
            cmd = Command.parse(bytes(raw))
        except MalformedAPDU:
            return response(b"", SW.WRONG_LENGTH)
        if cmd.cla not in (CLA_ISO, CLA_PROPRIETARY):
            return response(b"", SW.CLA_NOT_SUPPORTED)
        if cmd.ins not in INSTRUCTION_CLASS:
            return response(b"", SW.INS_NOT_SUPPORTED)
        if INSTRUCTION_CLASS[cmd.ins] != cmd.cla:
            return response(b"", SW.CLA_NOT_SUPPORTED)
        handler = {INS_SELECT: self._select, INS_READ_BINARY: self._read_binary,
                   INS_VERIFY: self._verify, INS_CHANGE: self._change_pin,
                   INS_SIGN: self._sign, INS_GET_CHALLENGE: self._get_challenge,
                   INS_EXTERNAL_AUTHENTICATE: self._external_authenticate,
                   INS_RESET_RETRY_COUNTER: self._reset_retry_counter}[cmd.ins]
        data, sw = handler(cmd)
        return response(data, sw)

    def _select(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.p2 != 0x0C or cmd.p1 not in (0x02, 0x04):
            return b"", SW.WRONG_P1P2
        if not cmd.data or cmd.le is not None:
            return b"", SW.WRONG_LENGTH
        if cmd.p1 == 0x04:
            app = {JPKI_AID: App.JPKI, KENMEN_AID: App.KENMEN}.get(cmd.data)
            if app is None:
                return b"", SW.FILE_NOT_FOUND
            # Selecting an application starts its security state afresh.
            self.app, self.current, self.verified = app, None, set()
            self.authority.forget()
            return b"", SW.OK
        if len(cmd.data) != 2:
            return b"", SW.WRONG_LENGTH
        fid = int.from_bytes(cmd.data, "big")
        if self.app is None or fid not in self._files(self.app):
            return b"", SW.FILE_NOT_FOUND
        self.current = fid
        return b"", SW.OK

    def _read_binary(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.p1 & 0x80:
            return b"", SW.WRONG_P1P2          # short-EF addressing is not offered
        if cmd.le is None or cmd.data:
            return b"", SW.WRONG_LENGTH
        selected = self._selected()
        if selected is None:
            return b"", SW.NO_CURRENT_EF
        app, fid, ef = selected
        if ef.kind is not Kind.DATA or not self._allowed(app, ef):
            return b"", SW.SECURITY_NOT_SATISFIED
        content = self._content(app, fid)
        offset = (cmd.p1 << 8) | cmd.p2
        if offset >= len(content):
            return b"", SW.OFFSET_OUTSIDE
        return content[offset:offset + cmd.le], SW.OK

    def _pin_selected(self, cmd: Command) -> tuple[App, int, PinState] | int:
        expected_p1 = 0x00 if cmd.ins == INS_VERIFY else 0x01
        if (cmd.p1, cmd.p2) != (expected_p1, 0x80):
            return SW.WRONG_P1P2
        selected = self._selected()
        if selected is None or selected[2].kind is not Kind.PIN:
            return SW.NO_CURRENT_EF
        app, fid, _ = selected
        return app, fid, self._pin(app, fid)

    def _verify(self, cmd: Command) -> tuple[bytes, int]:
        found = self._pin_selected(cmd)
        if isinstance(found, int):
            return b"", found
        app, fid, pin = found
        if cmd.le is not None:
            return b"", SW.WRONG_LENGTH
        if not cmd.data:                      # the remaining-tries query
            return b"", wrong_pin(max(pin.tries_left, 0))
        if pin.blocked:
            return b"", SW.BLOCKED
        if not _pin_length_ok(fid, app, len(cmd.data)):
            return b"", SW.WRONG_LENGTH
        # Anti-tearing, as on the chip: the try is counted and on file before the PIN is
        # compared, and given back only on a match, so a kill (the card pulled) at any instant
        # never buys a guess, and the first write tells nothing about the PIN.
        pin.tries_left -= 1
        self._save()
        self.verified.discard((app, fid))
        user_auth = (app, fid) == (App.JPKI, EF_AUTH_PIN)
        self.user_auth_verified &= not user_auth
        if cmd.data != pin.pin.encode("ascii"):
            return b"", wrong_pin(pin.tries_left)
        pin.tries_left = pin.max_tries
        self._save()
        self.verified.add((app, fid))
        self.user_auth_verified |= user_auth
        return b"", SW.OK

    def _change_pin(self, cmd: Command) -> tuple[bytes, int]:
        found = self._pin_selected(cmd)
        if isinstance(found, int):
            return b"", found
        app, fid, pin = found
        if not cmd.data or cmd.le is not None:
            return b"", SW.WRONG_LENGTH
        if pin.blocked:
            return b"", SW.BLOCKED
        if (app, fid) not in self.verified:
            return b"", SW.SECURITY_NOT_SATISFIED
        try:
            new = cmd.data.decode("ascii")
        except UnicodeDecodeError:
            return b"", SW.WRONG_DATA
        if not _pin_format_ok(fid, app, new):
            return b"", SW.WRONG_DATA
        pin.pin = new
        self._save()
        return b"", SW.OK

    def _sign(self, cmd: Command) -> tuple[bytes, int]:
        if (cmd.p1, cmd.p2) != (0x00, 0x80):
            return b"", SW.WRONG_P1P2
        selected = self._selected()
        if selected is None or selected[2].kind is not Kind.KEY:
            return b"", SW.NO_CURRENT_EF
        app, fid, ef = selected
        if not self._allowed(app, ef):
            return b"", SW.SECURITY_NOT_SATISFIED
        key = self._key(fid)
        if not cmd.data or len(cmd.data) > key.key_size // 8 - 11:
            return b"", SW.WRONG_LENGTH
        if not _is_der_sequence(cmd.data):
            return b"", SW.WRONG_DATA
        return _sign_digest_info(key, cmd.data), SW.OK

    # -- the signing-PIN reset (kiosk.card.virtual.reset) -------------------------------
    def _get_challenge(self, cmd: Command) -> tuple[bytes, int]:
        if self.app is not App.JPKI:
            return b"", SW.CONDITIONS_NOT_SATISFIED
        return self.authority.get_challenge(cmd)

    def _external_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self.app is not App.JPKI:
            return b"", SW.CONDITIONS_NOT_SATISFIED
        return self.authority.external_authenticate(cmd, self.image.reset_key)

    def _reset_retry_counter(self, cmd: Command) -> tuple[bytes, int]:
        on_signing_pin = self.app is App.JPKI and self.current == EF_SIGN_PIN
        return self.authority.reset_retry_counter(
            cmd, self._signing() if on_signing_pin else None, self.user_auth_verified,
            self._save)

    def _key(self, fid: int) -> rsa.RSAPrivateKey:
        if fid not in self._keys:
            key = serialization.load_pem_private_key(
                self._key_app(fid).private_key_pem, password=None,
                unsafe_skip_rsa_key_validation=True)   # our own keys, checked at issuance
            assert isinstance(key, rsa.RSAPrivateKey)
            self._keys[fid] = key
        return self._keys[fid]


def _pin_length_ok(fid: int, app: App, n: int) -> bool:
    return 6 <= n <= 16 if (app, fid) == (App.JPKI, EF_SIGN_PIN) else n == 4


def _pin_format_ok(fid: int, app: App, pin: str) -> bool:
    if (app, fid) == (App.JPKI, EF_SIGN_PIN):
        return is_valid_signing_pin(pin)
    return is_valid_user_auth_pin(pin)


def _is_der_sequence(data: bytes) -> bool:
    """A DigestInfo is one DER SEQUENCE filling the data exactly."""
    if len(data) < 2 or data[0] != 0x30:
        return False
    n = data[1]
    if n < 0x80:
        return len(data) == 2 + n
    width = n & 0x7F
    if width not in (1, 2) or len(data) < 2 + width:
        return False
    return len(data) == 2 + width + int.from_bytes(data[2:2 + width], "big")


def _sign_digest_info(key: rsa.RSAPrivateKey, digest_info: bytes) -> bytes:
    """PKCS#1 v1.5 signature of a DigestInfo: the card pads, then raw RSA with its key."""
    for prefix, algorithm in PREHASHED.items():
        if digest_info.startswith(prefix) and len(digest_info) == len(prefix) + algorithm.digest_size:
            return key.sign(digest_info[len(prefix):], padding.PKCS1v15(),
                            utils.Prehashed(algorithm))
    # Any other DigestInfo: EMSA-PKCS1-v1_5 block and the RSA private operation (CRT).
    size = key.key_size // 8
    m = int.from_bytes(pad_for_signature(digest_info, size), "big")
    priv = key.private_numbers()
    pub = priv.public_numbers
    s1, s2 = pow(m, priv.dmp1, priv.p), pow(m, priv.dmq1, priv.q)
    s = s2 + priv.q * ((priv.iqmp * (s1 - s2)) % priv.p)
    assert pow(s, pub.e, pub.n) == m
    return s.to_bytes(size, "big")


class ForeignCard:
    """An ISO 7816 card that is not a My Number card (a transit or bank card): it knows no
    JPKI application, so a kiosk must say "unknown card"."""

    atr = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")

    def power_on(self) -> None: ...
    def power_off(self) -> None: ...

    def process(self, raw: bytes) -> bytes:
        return response(b"", SW.FILE_NOT_FOUND if raw[1:2] == b"\xa4" else SW.INS_NOT_SUPPORTED)


class UnreadableCard:
    """A card whose chip cannot be read: its tray file is not a card image. It gives no
    command an answer with a status word, so whatever reads it finds it unreadable."""

    atr = ATR

    def power_on(self) -> None: ...
    def power_off(self) -> None: ...

    def process(self, raw: bytes) -> bytes:
        return b""
