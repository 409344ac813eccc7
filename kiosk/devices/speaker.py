"""The speaker: announcements, and the ⑬ reminder that repeats until it is stopped.

Audio goes through espeak-ng when it is installed (a subprocess started from a thread of its
own; a new announcement cuts the previous one short). The terminal's bell and the on-screen
flashing are the app's part; it asks `due(now)` on each tick whether to ring again.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
from datetime import datetime, timedelta
from typing import Protocol

REPEAT_EVERY = timedelta(seconds=4)

# espeak-ng's voice for each of the kiosk's languages. The Chinese is Traditional, read in
# Mandarin (as in Taiwan): `cmn-latn-pinyin`, because espeak-ng 1.51's plain `cmn` reads the
# pinyin it makes of each character as English ("hao two" for 好); `yue` would read it in
# Cantonese.
VOICES = {"ja": "ja", "en": "en", "zh": "cmn-latn-pinyin"}


class Speaker(Protocol):
    repeating: str | None
    def say(self, text: str, lang: str = "ja") -> None: ...
    def start_repeating(self, text: str, now: datetime, lang: str = "ja") -> None: ...
    def due(self, now: datetime) -> bool: ...
    def stop(self) -> None: ...


class SimulatedSpeaker:
    def __init__(self, *, audio: bool | None = None) -> None:
        espeak = shutil.which("espeak-ng") if audio is not False else None
        self._voice = Espeak(espeak) if espeak else None
        self.repeating: str | None = None
        self._lang = "ja"
        self._next: datetime | None = None
        self.spoken: list[str] = []           # what was said (texts from the catalogue only)

    def say(self, text: str, lang: str = "ja") -> None:
        self.spoken.append(text)
        if self._voice is not None:
            self._voice.play(text, lang)

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
        if self._voice is not None:
            self._voice.silence()


class Espeak:
    """espeak-ng, one announcement at a time. Starting a process takes milliseconds the
    kiosk's screen should not wait for, so a thread of its own does it, in order."""

    def __init__(self, binary: str) -> None:
        self._binary: str | None = binary
        self._requests: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="espeak-ng", daemon=True).start()

    def play(self, text: str, lang: str) -> None:
        """Cut the current announcement short and speak `text`."""
        self._requests.put((text, lang))

    def silence(self) -> None:
        self._requests.put(None)

    def _serve(self) -> None:
        process: subprocess.Popen[bytes] | None = None
        while True:
            try:
                request = self._requests.get(timeout=0.5 if process is not None else None)
            except queue.Empty:                 # a finished announcement is reaped, not left
                if process is not None and process.poll() is not None:
                    process = None
                continue
            if process is not None:
                if process.poll() is None:
                    process.terminate()
                process.wait()                  # reaped: no zombie espeak-ng
            process = None
            if request is None or self._binary is None:
                continue
            text, lang = request
            try:
                process = subprocess.Popen(
                    [self._binary, "-v", VOICES.get(lang, "ja"), text],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except OSError:
                self._binary = None           # no voice after all: the screen still shows it
