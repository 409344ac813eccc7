"""Files that hold personal data or keys: owner-only, written whole, made once.

Everything in KIOSK_HOME is somebody's data (the register, card images, printed certificates)
or a key, so its directories are 0700 and its files 0600, whatever the umask. Several
processes may share one home (two terminals, a seeding and a kiosk), so a file is either
written whole and renamed into place (`write_private`), claimed by an exclusive create
(`new_private_file`), or made under a lock by one process while the others wait
(`made_once`).
"""

from __future__ import annotations

import fcntl
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """`path` as a directory only its owner can enter (made if missing, tightened if not)."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """`path` as a file only its owner can read: made empty if missing, tightened if not.
    (For a file another program fills in place, such as the SQLite database.)"""
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT, FILE_MODE))
    if path.stat().st_mode & 0o777 != FILE_MODE:
        os.chmod(path, FILE_MODE)
    return path


def new_private_file(path: Path) -> BinaryIO:
    """A new owner-only file at `path`, opened for writing. Raises FileExistsError when the name
    is taken: the exclusive create is what lets two processes never get the same file."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb")


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, owner-only and atomically: a temp file of this writer's own,
    fsynced, then renamed over `path` (and the rename synced), so a reader finds the old
    content or the new, never a part, even after a power cut."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with new_private_file(tmp) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def made_once(product: Path, make: Callable[[], None]) -> None:
    """Unless `product` exists, run `make` (which must write `product` last of its files) —
    in one process at a time: the others wait for the lock, then find it made."""
    if product.exists():
        return
    private_dir(product.parent)
    fd = os.open(product.with_name(f".{product.name}.lock"), os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if not product.exists():       # the one who held the lock before may have made it
            make()
    finally:
        os.close(fd)                   # and with it the lock


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
