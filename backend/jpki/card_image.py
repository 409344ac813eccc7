"""The card image: one JSON file per physical card in the card tray (`<card_name>.card.json`).

It is what the chip holds — keys, certificates, PINs and their wrong-try counters, and the
券面事項入力補助AP data — so a card keeps its state across power-off (the counter survives
being taken off the reader, as on a real card). Format (version 1)::

    {"format": "konbini-kiosk/card-image", "version": 1, "card_name": "izumi-taro",
     "card_serial": "...", "face_auth": false, "card_issued_on": "YYYY-MM-DD",
     "card_expires_on": "...", "certificate_expires_on": "...",
     "municipality": {"code": "272191", "name": "和泉市"},
     "holder": {"name", "name_kana", "address", "birth_date", "sex", "my_number"},
     "user_auth": {"pin", "max_tries", "tries_left", "certificate", "ca_certificate", "private_key"},
     "signing": {... same keys ...} | null,        # absent for holders under 15
     "kenmen": {"pin", "max_tries", "tries_left"},  # 券面事項入力補助用
     "reset_key": "<base64, 16 bytes>"}            # may be absent (see below)

Certificates are base64 DER, private keys PKCS#8 PEM. `reset_key` is the card's own AES-128
key for the reset authority (backend.jpki.reset_authority), written at issuance; images from
before it was added have none and still load (such a card refuses the authority: its
EXTERNAL AUTHENTICATE answers 6A88, no such key). Loading checks every field (exactly these,
of their type and range); writes are atomic and durable (temp file, fsync, rename) and
owner-only, in an owner-only card tray.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, TypeVar
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from backend.config import Paths
from backend.private_files import private_dir, write_private
from backend.reasons import Reason, ServiceError

FORMAT = "konbini-kiosk/card-image"
VERSION = 1
SUFFIX = ".card.json"
LARGEST_IMAGE = 1 << 20     # bytes; a card image is about 10 kB

T = TypeVar("T")


@dataclass
class PinState:
    """A PIN with its consecutive wrong-try counter (残り試行回数)."""

    pin: str
    max_tries: int
    tries_left: int

    @property
    def blocked(self) -> bool:
        return self.tries_left <= 0


@dataclass
class KeyApplication(PinState):
    """One JPKI key: PIN, private key, certificate and the CA certificate that issued it."""

    certificate: bytes = b""
    ca_certificate: bytes = b""
    private_key_pem: bytes = b""


@dataclass(frozen=True)
class Holder:
    """券面事項 (what is printed on the card), as the 券面事項入力補助AP gives it."""

    name: str
    name_kana: str
    address: str
    birth_date: date
    sex: str            # "1" male, "2" female, "9" not applicable
    my_number: str      # 12 digits


@dataclass
class CardImage:
    card_name: str
    card_serial: str
    holder: Holder
    user_auth: KeyApplication
    signing: KeyApplication | None
    kenmen: PinState
    card_issued_on: date
    card_expires_on: date
    certificate_expires_on: date
    municipality_code: str = ""
    municipality_name: str = ""
    face_auth: bool = False
    reset_key: bytes | None = field(default=None, repr=False)   # the reset authority's, per card
    path: Path | None = field(default=None, compare=False, repr=False)

    # -- persistence -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION,
            "card_name": self.card_name, "card_serial": self.card_serial,
            "face_auth": self.face_auth,
            "card_issued_on": self.card_issued_on.isoformat(),
            "card_expires_on": self.card_expires_on.isoformat(),
            "certificate_expires_on": self.certificate_expires_on.isoformat(),
            "municipality": {"code": self.municipality_code, "name": self.municipality_name},
            "holder": {**asdict(self.holder), "birth_date": self.holder.birth_date.isoformat()},
            "user_auth": _key_app_json(self.user_auth),
            "signing": _key_app_json(self.signing) if self.signing else None,
            "kenmen": asdict(self.kenmen),
            # An image without the key is written without it, as it was.
            **({"reset_key": base64.b64encode(self.reset_key).decode()}
               if self.reset_key is not None else {}),
        }

    @classmethod
    def from_json(cls, data: object, path: Path | None = None) -> CardImage:
        """The image in `data`, every field's type and range checked (ValueError if anything
        is off), so the chip and the listings can take a loaded card as it is."""
        if not isinstance(data, dict):
            raise ValueError("not a card image (not a JSON object)")
        if data.get("format") != FORMAT:
            raise ValueError(f"not a card image (format {data.get('format')!r})")
        version = data.get("version")
        if type(version) is not int or version != VERSION:
            raise ValueError(f"card image version {version!r} not supported")
        image = _Fields(data, "card image", TOP_FIELDS, optional=OPTIONAL_TOP_FIELDS)
        card_name = image.text("card_name")
        if path is not None and path.name != f"{card_name}{SUFFIX}":
            raise ValueError(f"card_name {card_name!r} is not the file's name")
        h = image.part("holder", HOLDER_FIELDS)
        municipality = image.part("municipality", MUNICIPALITY_FIELDS)
        signing = None if data["signing"] is None else _key_app(image.part("signing", KEY_FIELDS),
                                                               is_valid_signing_pin)
        return cls(
            card_name=card_name, card_serial=image.text("card_serial"),
            holder=Holder(h.text("name"), h.text("name_kana"), h.text("address"),
                          h.day("birth_date"), h.text("sex", allowed=SEX_CODES),
                          h.text("my_number", valid=_is_my_number)),
            user_auth=_key_app(image.part("user_auth", KEY_FIELDS), is_valid_user_auth_pin),
            signing=signing,
            kenmen=_pin_state(image.part("kenmen", PIN_FIELDS), is_valid_user_auth_pin),
            card_issued_on=image.day("card_issued_on"),
            card_expires_on=image.day("card_expires_on"),
            certificate_expires_on=image.day("certificate_expires_on"),
            municipality_code=municipality.text("code"),
            municipality_name=municipality.text("name"),
            face_auth=image.flag("face_auth"),
            reset_key=image.binary("reset_key", length=RESET_KEY_LENGTH)
            if "reset_key" in data else None,
            path=path,
        )

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        if target is None:
            raise ValueError("card image has no file")
        private_dir(target.parent)
        write_private(target, json.dumps(self.to_json(), ensure_ascii=False, indent=1).encode())
        self.path = target
        return target


def _key_app_json(app: KeyApplication) -> dict[str, Any]:
    return {
        "pin": app.pin, "max_tries": app.max_tries, "tries_left": app.tries_left,
        "certificate": base64.b64encode(app.certificate).decode(),
        "ca_certificate": base64.b64encode(app.ca_certificate).decode(),
        "private_key": app.private_key_pem.decode(),
    }


PIN_FIELDS = frozenset({"pin", "max_tries", "tries_left"})
KEY_FIELDS = PIN_FIELDS | {"certificate", "ca_certificate", "private_key"}
HOLDER_FIELDS = frozenset({"name", "name_kana", "address", "birth_date", "sex", "my_number"})
MUNICIPALITY_FIELDS = frozenset({"code", "name"})
TOP_FIELDS = frozenset({"format", "version", "card_name", "card_serial", "face_auth",
                        "card_issued_on", "card_expires_on", "certificate_expires_on",
                        "municipality", "holder", "user_auth", "signing", "kenmen"})
OPTIONAL_TOP_FIELDS = frozenset({"reset_key"})
RESET_KEY_LENGTH = 16   # AES-128
SEX_CODES = ("1", "2", "9")
MOST_TRIES = 15         # the count travels in the low nibble of the status word 63Cx
LONGEST_TEXT = 200      # characters: the 券面 items share one EF with a 2-byte length
LONGEST_KEY = 8000      # characters of PEM (an RSA-4096 key is about 3300)


def is_valid_user_auth_pin(pin: object) -> bool:
    """利用者証明用 (and 券面事項入力補助用) PIN: 4 ASCII digits."""
    return isinstance(pin, str) and len(pin) == 4 and pin.isascii() and pin.isdigit()


def is_valid_signing_pin(pin: str) -> bool:
    return (6 <= len(pin) <= 16 and pin.isascii() and pin.isalnum() and pin == pin.upper()
            and any(c.isdigit() for c in pin) and any(c.isalpha() for c in pin))


def _is_my_number(value: str) -> bool:
    return len(value) == 12 and value.isascii() and value.isdigit()


def _is_private_key(value: str) -> bool:
    try:
        key = serialization.load_pem_private_key(value.encode(), password=None,
                                                 unsafe_skip_rsa_key_validation=True)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return isinstance(key, rsa.RSAPrivateKey)


class _Fields:
    """One JSON object of a card image, exactly the fields `names` (and any of `optional`),
    each taken with its type and range checked; anything else is a ValueError naming the field."""

    def __init__(self, data: object, where: str, names: frozenset[str],
                 optional: frozenset[str] = frozenset()) -> None:
        if not isinstance(data, dict):
            raise ValueError(f"{where}: not an object")
        if not names <= data.keys() <= names | optional:
            missing, unknown = sorted(names - data.keys()), sorted(data.keys() - names - optional)
            raise ValueError(f"{where}: " + (f"missing {', '.join(missing)}" if missing
                                             else f"unknown {', '.join(map(repr, unknown))}"))
        self.data, self.where = data, where

    def _bad(self, name: str, wanted: str) -> ValueError:
        return ValueError(f"{self.where}: {name} must be {wanted}")

    def _typed(self, name: str, kind: type[T], wanted: str) -> T:
        value = self.data[name]
        if type(value) is not kind:         # exactly: True is no number, 3 no text here
            raise self._bad(name, wanted)
        return value

    def text(self, name: str, *, allowed: tuple[str, ...] = (),
             valid: Callable[[str], bool] | None = None, longest: int = LONGEST_TEXT) -> str:
        value = self._typed(name, str, "text")
        if len(value) > longest:
            raise self._bad(name, f"at most {longest} characters")
        if allowed and value not in allowed:
            raise self._bad(name, " or ".join(map(repr, allowed)))
        if valid is not None and not valid(value):      # the value is not shown: it may be a PIN
            raise ValueError(f"{self.where}: {name} is not a valid one")
        return value

    def number(self, name: str, low: int, high: int) -> int:
        value = self._typed(name, int, "a whole number")
        if not low <= value <= high:
            raise self._bad(name, f"{low}..{high}")
        return value

    def flag(self, name: str) -> bool:
        return self._typed(name, bool, "true or false")

    def day(self, name: str) -> date:
        try:
            return date.fromisoformat(self._typed(name, str, "a date"))
        except ValueError:
            raise self._bad(name, "a date (YYYY-MM-DD)") from None

    def binary(self, name: str, length: int | None = None) -> bytes:
        try:
            value = base64.b64decode(self._typed(name, str, "base64 text"), validate=True)
        except binascii.Error:
            raise self._bad(name, "base64 text") from None
        if length is not None and len(value) != length:
            raise self._bad(name, f"{length} bytes")
        return value

    def part(self, name: str, names: frozenset[str]) -> _Fields:
        return _Fields(self.data[name], name, names)


def _pin_state(fields: _Fields, valid_pin: Callable[[str], bool]) -> PinState:
    most = fields.number("max_tries", 1, MOST_TRIES)
    return PinState(fields.text("pin", valid=valid_pin), most, fields.number("tries_left", 0, most))


def _key_app(fields: _Fields, valid_pin: Callable[[str], bool]) -> KeyApplication:
    pin = _pin_state(fields, valid_pin)
    return KeyApplication(
        pin.pin, pin.max_tries, pin.tries_left,
        certificate=fields.binary("certificate"), ca_certificate=fields.binary("ca_certificate"),
        private_key_pem=fields.text("private_key", valid=_is_private_key,
                                    longest=LONGEST_KEY).encode(),
    )


def is_card_name(name: str) -> bool:
    """A tray file's stem that can name a card: not empty, not a path, not hidden."""
    return bool(name) and "/" not in name and not name.startswith(".")


def card_file(card_tray: Path, card_name: str) -> Path:
    if not is_card_name(card_name):
        raise ValueError(f"bad card name {card_name!r}")
    return card_tray / f"{card_name}{SUFFIX}"


def load_card(card_tray: Path, card_name: str) -> CardImage:
    """Raises FileNotFoundError if there is no such card in the tray, ValueError if unreadable."""
    return load_card_file(card_file(card_tray, card_name))


def load_card_file(path: Path) -> CardImage:
    """The card image in `path`: FileNotFoundError if there is none, ValueError (one line,
    naming the file) for anything that is not a whole, well-formed card image."""
    try:
        with path.open("rb") as f:
            raw = f.read(LARGEST_IMAGE + 1)
        if len(raw) > LARGEST_IMAGE:
            raise ValueError("far too large for a card image")
        return CardImage.from_json(json.loads(raw.decode("utf-8")), path)
    except FileNotFoundError:
        raise
    except (OSError, ValueError, RecursionError) as exc:   # RecursionError: nested too deep
        raise ValueError(f"{path.name}: {exc}") from None


def card_names(card_tray: Path) -> list[str]:
    """The names of the card files in the tray (readable or not; hidden files are not cards)."""
    return sorted(name for name in (p.name[: -len(SUFFIX)] for p in card_tray.glob(f"*{SUFFIX}"))
                  if is_card_name(name))


def unlock_user_auth_pin(paths: Paths, card_name: str) -> int:
    """The 窓口 procedure: lift the user-auth PIN lock (with ID checked by staff).

    Resets the consecutive wrong-try counter and returns the tries now left. A face-auth
    card's PIN is locked by design and stays locked (ServiceError FACE_AUTH_CARD); an
    unknown card name gives ServiceError NO_CARD.
    """
    try:
        image = load_card(paths.card_tray, card_name)
    except (FileNotFoundError, ValueError) as exc:
        raise ServiceError(Reason.NO_CARD, f"no card image for {card_name!r}") from exc
    if image.face_auth:
        raise ServiceError(Reason.FACE_AUTH_CARD, "a face-auth card's PIN cannot be unlocked")
    image.user_auth.tries_left = image.user_auth.max_tries
    image.save()
    return image.user_auth.tries_left


def card_status(image: CardImage, today: date, registry_status: str | None = None) -> str:
    """One word for a card as staff see it: the registry's suspended / abolished / invalidated
    first, then face-auth, expired (card), certificate-expired, locked (PIN), active."""
    if registry_status and registry_status != "active":
        return registry_status
    if image.face_auth:
        return "face-auth"
    if today > image.card_expires_on:
        return "expired"
    if today > image.certificate_expires_on:
        return "certificate-expired"
    if image.user_auth.blocked:
        return "locked"
    return "active"
