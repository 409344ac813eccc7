"""Which centre a kiosk talks to: the one choice `build_app` (so `kiosk run`, `kiosk script`,
autoplay) makes through `centre_factory`.

- Embedded (the default): the centre runs in the kiosk's process, over the register's
  database in KIOSK_HOME (or KIOSK_DATABASE_URL), with the municipalities' keys beside it.
- Remote (`--centre URL[,URL…]`): the centre is `kiosk centre serve` elsewhere, reached by
  `kiosk.remote.RemoteCentre` with the kiosk's credential. The kiosk's home then holds its
  credential, its card tray (the demo's cards), its output tray and its journals — no
  database, no register, no key but its own TLS key — and the kiosk is the one its
  credential names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from backend.clock import Clock
from backend.config import Paths
from backend.private_files import private_dir

if TYPE_CHECKING:
    from backend.api import IssuanceService


def parse_centres(text: str | None) -> tuple[str, ...]:
    """`--centre URL[,URL…]`: the centres in the order to try them. ValueError unless each is
    an https URL with a host and nothing after it."""
    if not text:
        return ()
    urls = tuple(part.strip() for part in text.split(",") if part.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or parts.path.strip("/") or parts.query:
            raise ValueError(f"a centre is https://HOST[:PORT], not {url!r}")
        _ = parts.port                   # raises ValueError for a port that is not one
    if not urls:
        raise ValueError("--centre names no centre")
    return urls


def kiosk_of(paths: Paths, centres: tuple[str, ...], kiosk_id: str | None) -> str | None:
    """The kiosk this terminal is: with a remote centre the one its credential names (a
    `--kiosk` naming another is a ValueError); else `kiosk_id` (None: the demo's default).
    ServiceError KIOSK_CREDENTIAL_REFUSED when a remote centre's kiosk has no credential."""
    if not centres:
        return kiosk_id
    from kiosk.remote.client import credential_kiosk_id

    own = credential_kiosk_id(paths.home)
    if kiosk_id is not None and kiosk_id != own:
        raise ValueError(f"this kiosk's credential is for {own}, not {kiosk_id}")
    return own


def prepare_home(paths: Paths, centres: tuple[str, ...]) -> None:
    """The kiosk's home, owner-only: all of it for an embedded centre; for a remote one only
    what a kiosk keeps (its trays; its credential is already there)."""
    if not centres:
        paths.ensure()
        return
    for directory in (paths.home, paths.card_tray, paths.output_tray):
        private_dir(directory)


def centre_factory(paths: Paths, clock: Clock, *, database_url: str | None = None,
                   centres: tuple[str, ...] = ()) -> Callable[[], IssuanceService]:
    """What the terminal calls (on its job thread, the first time it needs the centre) to
    open its line to the centre."""
    if centres:
        def remote() -> IssuanceService:
            from kiosk.remote.client import RemoteCentre

            return RemoteCentre(centres, paths.home)

        return remote

    def embedded() -> IssuanceService:
        from backend.service import open_centre   # SQLAlchemy, Alembic: off the first screen's path

        return open_centre(paths, clock, database_url)

    return embedded


__all__ = ["centre_factory", "kiosk_of", "parse_centres", "prepare_home"]
