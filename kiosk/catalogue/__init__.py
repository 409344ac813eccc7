"""Every string a person sees on the kiosk: Japanese first, then English, then Traditional
Chinese (繁體中文).

Screens never hold text of their own: they ask here by key (`text("agree", lang)`), by
reason code (`reason_message`), or by domain value (`certificate_name`, `coin_label`…).
`--lang en` or `--lang zh` makes that language primary; beneath it is shown Japanese, and
beneath Japanese English (`Msg.secondary`).
"""

from __future__ import annotations

from backend.api import ACCEPTED_YEN, CertificateCode, IssuanceKind, PrintedField
from backend.reasons import Reason
from kiosk.catalogue.domain import CERTIFICATES, FIELDS, FIELDS_SHORT, KINDS, SCOPES
from kiosk.catalogue.msg import LANGUAGE_NAMES, LANGUAGES, SECONDARY, M, Msg, language
from kiosk.catalogue.reasons import REASONS
from kiosk.catalogue.texts import TEXTS
from kiosk.catalogue.verify import (NO_KEYS, REFUSALS, VERDICTS, difference_messages,
                                    verdict_message)


def text(key: str, lang: str = "ja", **values: object) -> str:
    return msg(key, **values).get(lang)


def msg(key: str, **values: object) -> Msg:
    m = TEXTS[key]
    return m.format(**values) if values else m


def reason_message(reason: Reason) -> Msg:
    """The message for a code; an unknown (newly added) code still gets a safe text."""
    return REASONS.get(reason, M("ただいまご利用いただけません。窓口にお問い合わせください。",
                                 "This service is not available now. Please ask the counter.",
                                 "目前無法使用。請洽詢窗口。"))


def certificate_name(code: CertificateCode) -> Msg:
    return CERTIFICATES[code]


def kind_name(kind: IssuanceKind) -> Msg:
    return KINDS[kind]


def field_name(field: PrintedField) -> Msg:
    return FIELDS[field]


def coin_label(coin: int | str) -> Msg:     # 100円, 5円(使用不可), 外国硬貨
    if coin in ACCEPTED_YEN:
        return msg("coin_label", yen=f"{coin:,}")
    return msg("coin_foreign") if coin == "foreign" else msg("coin_invalid_label", yen=coin)


def coin_rejected(coin: int | str) -> Msg:
    """この硬貨は…: the coin by its name (1円, 外国硬貨), not its button's (1円(使用不可))."""
    if isinstance(coin, int):
        label = msg("coin_label", yen=f"{coin:,}")
    else:
        label = msg("coin_foreign") if coin == "foreign" else Msg.same(coin)
    m = TEXTS["coin_rejected"]
    return Msg.per_language(lambda lang: m.get(lang).format(yen=label.get(lang)))


__all__ = ["CERTIFICATES", "FIELDS", "FIELDS_SHORT", "KINDS", "LANGUAGES", "LANGUAGE_NAMES",
           "REASONS", "REFUSALS", "SCOPES", "SECONDARY", "TEXTS", "VERDICTS", "M", "Msg",
           "certificate_name", "coin_label", "coin_rejected", "field_name", "kind_name", "language",
           "msg", "reason_message", "text", "verdict_message",
           "NO_KEYS", "difference_messages"]
