"""`python -m kiosk.testing.stand_in_centre <kiosk centre serve options>`: the centre served
exactly as `kiosk centre serve` serves it, but rendering a stand-in (代替の帳票) instead of PDFs,
for benchmarks that measure the centre's own work (ledger, locks, rules, verification).

The swap is made when this module is imported: uvicorn starts its worker processes by spawn,
and a spawned process imports its parent's main module again, so each worker swaps too
before it builds its app by name.
"""

from __future__ import annotations

import sys
from typing import Any

import backend.server.app as server_app
from backend.service import IssuanceCentre
from kiosk.testing.reliability import plain_copies, plain_receipt


class StandInCentre(IssuanceCentre):
    """The centre with rendering replaced by bytes that name each copy."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_copies", plain_copies)
        kwargs.setdefault("render_receipt", plain_receipt)
        super().__init__(*args, **kwargs)


server_app.IssuanceCentre = StandInCentre  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    from kiosk.cli import main as kiosk_main

    return kiosk_main(["centre", "serve", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
