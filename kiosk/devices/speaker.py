"""The speaker: announcements, and the ⑬ reminder that repeats until it is stopped.

Audio goes through espeak-ng when it is installed (a non-blocking subprocess; a new
announcement cuts the previous one short). The terminal's bell and the on-screen flashing
are the app's part; it asks `due(now)` on each tick whether to ring again.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from typing import Protocol

REPEAT_EVERY = timedelta(seconds=4)


class Speaker(Protocol):
    repeating: str | None
    def say(self, text: str, lang: str = "ja") -> None: ...
    def start_repeating(self, text: str, now: datetime, lang: str = "ja") -> None: ...
    def due(self, now: datetime) -> bool: ...
    def stop(self) -> None: ...


class SimulatedSpeaker:
    def __init__(self, *, audio: bool | None = None) -> None:
        self._espeak = shutil.which("espeak-ng") if audio is not False else None
        self._process: subprocess.Popen | None = None
        self.repeating: str | None = None
        self._lang = "ja"
        self._next: datetime | None = None
        self.spoken: list[str] = []           # what was said (texts from the catalogue only)

    def say(self, text: str, lang: str = "ja") -> None:
        self.spoken.append(text)
        if self._espeak is None:
            return
        self._silence()
        try:
            self._process = subprocess.Popen(
                [self._espeak, "-v", "ja" if lang == "ja" else "en", text],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            self._espeak = None

    def start_repeating(self, text: str, now: datetime, lang: str = "ja") -> None:
        self.repeating, self._lang = text, lang
        self._next = now + REPEAT_EVERY
        self.say(text, lang)

    def due(self, now: datetime) -> bool:
        """On each tick: repeat the reminder when its time has come. True when it spoke."""
        if self.repeating is None or self._next is None or now < self._next:
            return False
        self._next = now + REPEAT_EVERY
        self.say(self.repeating, self._lang)
        return True

    def stop(self) -> None:
        self.repeating = None
        self._next = None
        self._silence()

    def _silence(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._process = None
