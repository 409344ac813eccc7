"""`Msg`: one text in each of the kiosk's languages, and which one is shown beneath which."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: The kiosk's languages: Japanese, English, Traditional Chinese (繁體中文).
LANGUAGES = ("ja", "en", "zh")

#: The language of the line beneath the primary one. Japanese has English beneath; every
#: other language has the official Japanese beneath, as the kiosk's own wording.
SECONDARY = {"ja": "en", "en": "ja", "zh": "ja"}

#: Each language by its own name, as the top screen's buttons name them whatever is shown.
LANGUAGE_NAMES = {"ja": "日本語", "en": "English", "zh": "中文"}


def language(lang: str) -> str:
    """`lang`, if it is one of the kiosk's languages (ValueError if not)."""
    if lang not in SECONDARY:
        raise ValueError(f"no language {lang!r}: {', '.join(LANGUAGES)}")
    return lang


@dataclass(frozen=True)
class Msg:
    ja: str
    en: str
    zh: str

    @staticmethod
    def same(text: str) -> Msg:
        """A text that reads the same in every language (a store's name, a coin as pushed in)."""
        return Msg(text, text, text)

    @staticmethod
    def per_language(text: Callable[[str], str]) -> Msg:
        """The message whose text in each language is `text(lang)`."""
        return Msg(*(text(lang) for lang in LANGUAGES))

    def get(self, lang: str) -> str:
        text: str = getattr(self, language(lang))
        return text

    def secondary(self, lang: str) -> str:
        """The text shown beneath the primary one when `lang` is primary (see SECONDARY)."""
        return self.get(SECONDARY[lang])

    def format(self, **values: object) -> Msg:
        return Msg.per_language(lambda lang: self.get(lang).format(**values))

    @staticmethod
    def lines(messages: Sequence[Msg]) -> Msg:
        """Several messages shown as one, a line each."""
        return Msg.per_language(lambda lang: "\n".join(m.get(lang) for m in messages))


M = Msg
