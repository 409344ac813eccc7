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
     "kenmen": {"pin", "max_tries", "tries_left"}}  # 券面事項入力補助用

Certificates are base64 DER, private keys PKCS#8 PEM. Writes are atomic (temp file, fsync,
rename) and owner-only, in an owner-only card tray.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from backend.config import Paths
from backend.private_files import private_dir, write_private
from backend.reasons import Reason, ServiceError

FORMAT = "konbini-kiosk/card-image"
VERSION = 1
SUFFIX = ".card.json"


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
    path: Path | None = field(default=None, compare=False, repr=False)

    # -- persistence -------------------------------------------------------------------
    def to_json(self) -> dict:
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
        }

    @classmethod
    def from_json(cls, data: dict, path: Path | None = None) -> "CardImage":
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"not a card image (format {data.get('format')!r})")
        h = data["holder"]
        return cls(
            card_name=data["card_name"], card_serial=data["card_serial"],
            holder=Holder(h["name"], h["name_kana"], h["address"],
                          date.fromisoformat(h["birth_date"]), h["sex"], h["my_number"]),
            user_auth=_key_app(data["user_auth"]),
            signing=_key_app(data["signing"]) if data.get("signing") else None,
            kenmen=PinState(**data["kenmen"]),
            card_issued_on=date.fromisoformat(data["card_issued_on"]),
            card_expires_on=date.fromisoformat(data["card_expires_on"]),
            certificate_expires_on=date.fromisoformat(data["certificate_expires_on"]),
            municipality_code=data["municipality"]["code"],
            municipality_name=data["municipality"]["name"],
            face_auth=bool(data.get("face_auth", False)),
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


def _key_app_json(app: KeyApplication) -> dict:
    return {
        "pin": app.pin, "max_tries": app.max_tries, "tries_left": app.tries_left,
        "certificate": base64.b64encode(app.certificate).decode(),
        "ca_certificate": base64.b64encode(app.ca_certificate).decode(),
        "private_key": app.private_key_pem.decode(),
    }


def _key_app(data: dict) -> KeyApplication:
    return KeyApplication(
        pin=data["pin"], max_tries=data["max_tries"], tries_left=data["tries_left"],
        certificate=base64.b64decode(data["certificate"]),
        ca_certificate=base64.b64decode(data["ca_certificate"]),
        private_key_pem=data["private_key"].encode(),
    )


def card_file(card_tray: Path, card_name: str) -> Path:
    if not card_name or "/" in card_name or card_name.startswith("."):
        raise ValueError(f"bad card name {card_name!r}")
    return card_tray / f"{card_name}{SUFFIX}"


def load_card(card_tray: Path, card_name: str) -> CardImage:
    """Raises FileNotFoundError if there is no such card in the tray, ValueError if unreadable."""
    path = card_file(card_tray, card_name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CardImage.from_json(data, path)
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable card image {path}: {exc}") from exc


def card_names(card_tray: Path) -> list[str]:
    return sorted(p.name[: -len(SUFFIX)] for p in card_tray.glob(f"*{SUFFIX}"))


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
