"""A ready-made card specification for tests and benchmarks (fictitious holder)."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date

from backend.jpki.issuer import CardSpec

SAMPLE_PIN = "1234"
SAMPLE_SIGNING_PIN = "SAMPLE2026"


def sample_spec(card_name: str = "sample-card", **changes: object) -> CardSpec:
    """An adult's card issued 2021-06-01: card to 2035-10-01, certificate to 2030-10-01."""
    spec = CardSpec(
        card_name=card_name, name="見本 花子", name_kana="ミホン ハナコ",
        birth_date=date(1985, 10, 1), sex="2", address="大阪府和泉市府中町一丁目1番1号",
        my_number="123456789018", user_auth_pin=SAMPLE_PIN, signing_pin=SAMPLE_SIGNING_PIN,
        card_serial=f"SC{zlib.crc32(card_name.encode()):010d}",
        card_issued_on=date(2021, 6, 1), card_expires_on=date(2035, 10, 1),
        certificate_expires_on=date(2030, 10, 1),
        municipality_code="272191", municipality_name="和泉市",
    )
    return replace(spec, **changes)  # type: ignore[arg-type]
