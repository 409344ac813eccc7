"""Where the kiosk keeps its data: `KIOSK_HOME` and `KIOSK_DATABASE_URL`.

KIOSK_HOME (default: the per-user data directory) holds the SQLite database, the card tray
(the demo's physical cards), the output tray (printed PDFs), the simulated CA, the
municipalities' document-signing keys and the logs, so a test or a demo can run in a
throw-away directory. All of it is personal data or keys: owner-only (backend.private_files).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from backend.private_files import private_dir


@dataclass(frozen=True)
class Paths:
    home: Path

    @property
    def database_file(self) -> Path:
        return self.home / "kiosk.sqlite3"

    @property
    def card_tray(self) -> Path:
        """One file per demo card (the card image), as the person would hold it."""
        return self.home / "cards"

    @property
    def output_tray(self) -> Path:
        """What the printer produced: certificates and receipts, as PDF."""
        return self.home / "output"

    @property
    def jpki(self) -> Path:
        """The simulated J-LIS user-authentication CA (key, certificate)."""
        return self.home / "jpki"

    @property
    def keys(self) -> Path:
        """Municipalities' document-signing keys (verification codes on certificates)."""
        return self.home / "keys"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    def ensure(self) -> Paths:
        """Make the home and its directories, owner-only (they hold personal data)."""
        for p in (self.home, self.card_tray, self.output_tray, self.jpki, self.keys, self.logs):
            private_dir(p)
        return self


def kiosk_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    value = env.get("KIOSK_HOME")
    return Path(value).expanduser().resolve() if value else Path(user_data_dir("konbini-kiosk"))


def paths(env: Mapping[str, str] | None = None) -> Paths:
    return Paths(kiosk_home(env))


def database_url(env: Mapping[str, str] | None = None, home: Paths | None = None) -> str:
    """KIOSK_DATABASE_URL, else the SQLite file in `home` (by default KIOSK_HOME)."""
    env = os.environ if env is None else env
    return env.get("KIOSK_DATABASE_URL") or f"sqlite:///{(home or paths(env)).database_file}"
