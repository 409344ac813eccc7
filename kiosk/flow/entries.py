"""What a person types on the two new services' keyboards, judged before anything is sent:
the 筆頭者's name in katakana, and the new signing password (leaflet 001 FAQ: 6–16 upper-case
letters and digits, both kinds present). Pure functions; the screens and the flow share them."""

from __future__ import annotations

from backend.reasons import Reason

#: The longest 筆頭者 name the registration takes (family and given name, in katakana).
HITTOSHA_MOST = 20
SIGNING_PIN_LENGTH = (6, 16)
_KATAKANA = {chr(c) for c in range(0x30A1, 0x30FB)} | {"ー", "\u3000"}
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def normal_kana(kana: str) -> str:
    """One full-width space between the names, none around them."""
    return "\u3000".join(part for part in kana.replace(" ", "\u3000").split("\u3000") if part)


def hittosha_problem(kana: object) -> Reason | None:
    """None when `kana` can name a 筆頭者: katakana (with ー and spaces), 1–20 characters."""
    if not isinstance(kana, str):
        return Reason.HITTOSHA_KANA_INVALID
    name = normal_kana(kana)
    if not name or len(name) > HITTOSHA_MOST or not set(name) <= _KATAKANA:
        return Reason.HITTOSHA_KANA_INVALID
    return None


def signing_pin_problem(first: object, second: object | None = None) -> Reason | None:
    """None when `first` is a valid signing password (and `second`, if given, the same)."""
    if not isinstance(first, str):
        return Reason.SIGNING_PIN_FORMAT
    low, high = SIGNING_PIN_LENGTH
    chars = set(first)
    if not (low <= len(first) <= high and chars <= _ALNUM and chars & set("0123456789")
            and chars - set("0123456789")):
        return Reason.SIGNING_PIN_FORMAT
    if second is not None and second != first:
        return Reason.SIGNING_PIN_MISMATCH
    return None


__all__ = ["HITTOSHA_MOST", "SIGNING_PIN_LENGTH", "hittosha_problem", "normal_kana",
           "signing_pin_problem"]
