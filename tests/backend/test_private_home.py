"""KIOSK_HOME is the owner's alone: the register, card images, keys and printed certificates are
personal data, so every directory in it is 0700 and every file 0600, whatever the umask."""

from __future__ import annotations

import os
import stat

from sqlalchemy import select

from backend.config import Paths
from backend.db import Database
from backend.document_keys import load_or_create_key
from backend.models import Resident
from backend.seed import seed_demo
from kiosk.devices.printer import SimulatedPrinter


def _loose(home) -> list[str]:
    """Everything in `home` that someone other than its owner could read or enter."""
    return [f"{path.relative_to(home.parent)} {stat.filemode(path.stat().st_mode)}"
            for path in [home, *home.rglob("*")]
            if path.stat().st_mode & 0o777 != (0o700 if path.is_dir() else 0o600)]


def test_a_seeded_home_and_what_is_printed_in_it_are_owner_only(tmp_path, clock) -> None:
    previous = os.umask(0o022)      # the usual umask: left to it, files come out world-readable
    database = None
    try:
        paths = Paths(tmp_path / "home")
        seed_demo(paths, clock, f"sqlite:///{paths.database_file}")
        load_or_create_key(paths, "272191")
        printer = SimulatedPrinter(paths.output_tray)
        printer.print_copy(b"%PDF certificate")
        printer.print_receipt(b"%PDF receipt")
        database = Database(f"sqlite:///{paths.database_file}")
        with database.unit() as s:   # an open connection: the -wal and -shm files exist now
            assert s.scalar(select(Resident.id).limit(1)) is not None
            for suffix in ("-wal", "-shm"):
                assert paths.database_file.with_name(paths.database_file.name + suffix).exists()
            assert _loose(paths.home) == []
            # The scan does see what others could read: the register made world-readable.
            paths.database_file.chmod(0o644)
            register = paths.database_file.relative_to(paths.home.parent)
            assert _loose(paths.home) == [f"{register} -rw-r--r--"]
    finally:
        os.umask(previous)
        if database is not None:
            database.dispose()
