"""`Msg`: one text in each of the kiosk's languages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Msg:
    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def other(self, lang: str) -> str:
        return self.ja if lang == "en" else self.en

    def format(self, **values: object) -> Msg:
        return Msg(self.ja.format(**values), self.en.format(**values))

    @staticmethod
    def lines(messages: Sequence[Msg]) -> Msg:
        """Several messages shown as one, a line each."""
        return Msg("\n".join(m.ja for m in messages), "\n".join(m.en for m in messages))


M = Msg
