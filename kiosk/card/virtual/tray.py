"""The demo's card tray as staff see it: each card with its holder, PIN, tries left and live
status (the card image's own, and the centre's registry: suspended, abolished…). Used by
`kiosk card list` and by the kiosk's staff tray (F9)."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from backend.config import Paths


def registry_statuses(home: Paths) -> dict[str, str]:
    """card_name → registry status, if the centre's database exists and is migrated."""
    from backend.config import database_url

    url = database_url()
    if url.startswith("sqlite") and not home.database_file.exists():
        return {}
    try:
        from backend.db import Database
        from backend.registry import card_statuses

        db = Database(url)
        try:
            if not db.is_migrated():
                return {}
            with db.unit() as session:
                return card_statuses(session)
        finally:
            db.dispose()
    except Exception as exc:  # the tray alone is still worth listing
        print(f"(card registry not read: {exc.__class__.__name__})", file=sys.stderr)
        return {}


def card_rows(home: Paths, today: date, registry: dict[str, str]
              ) -> tuple[list[dict[str, Any]], list[str]]:
    """A row for each card in the tray, and a one-line reason for each file skipped as not a
    card image."""
    from backend.jpki.card_image import card_names, card_status, load_card

    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    for name in card_names(home.card_tray):
        try:
            image = load_card(home.card_tray, name)
        except (FileNotFoundError, ValueError) as exc:   # gone since listed, or not a card
            skipped.append(" ".join(str(exc).splitlines()))
            continue
        rows.append({
            "name": name,
            "holder": image.holder.name,
            "holder_kana": image.holder.name_kana,
            "municipality": image.municipality_name,
            "municipality_code": image.municipality_code,
            "pin": image.user_auth.pin,
            "signing_pin": image.signing.pin if image.signing else None,
            "tries_left": image.user_auth.tries_left,
            "signing_tries_left": image.signing.tries_left if image.signing else None,
            "face_auth": image.face_auth,
            "card_expires_on": image.card_expires_on.isoformat(),
            "certificate_expires_on": image.certificate_expires_on.isoformat(),
            "registry": registry.get(name),
            "status": card_status(image, today, registry.get(name)),
        })
    return rows, skipped
