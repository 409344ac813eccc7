"""A per-installation pool of fresh RSA-2048 keys, so that seeding the demo takes a second.

Seeding an empty home issues about twenty cards, each with its own user-authentication and
signing key, plus the two CAs: some forty-five RSA-2048 key pairs, which dominate the time
(tens of milliseconds each, with a long tail). Set-up makes a stock of keys ahead of time
(`kiosk admin key-pool fill`), and `take_key()` hands each one out exactly once: a key is
claimed by renaming its file (atomic, so two processes never get the same key) and deleted
once read. Every card still has its own key pair; the pool only moves the work earlier.
When the pool is empty, off, or unreadable, a key is generated on the spot, as before.

Where: `KIOSK_KEY_POOL` (a directory, or `off`), else `<user cache>/konbini-kiosk/rsa-2048`.
The directory is 0700 and each key 0600, as for every private key here.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from platformdirs import user_cache_path

from backend.private_files import private_dir, write_private

KEY_SIZE = 2048
PUBLIC_EXPONENT = 65537
ENV = "KIOSK_KEY_POOL"
DEFAULT_SIZE = 256         # about five seedings of the demo
DEFAULT_LOW_WATER = 64     # set-up refills below this: always more than one seeding's worth
SUFFIX = ".key.pem"


def generate_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_SIZE)


def pool_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The pool's directory, or None when the pool is switched off (`KIOSK_KEY_POOL=off`)."""
    value = (os.environ if env is None else env).get(ENV, "").strip()
    if value.lower() == "off":
        return None
    return Path(value).expanduser() if value else user_cache_path("konbini-kiosk") / "rsa-2048"


def take_key() -> rsa.RSAPrivateKey:
    """A key no one else has had: from the configured pool, else a new one."""
    directory = pool_dir()
    key = claim(directory) if directory is not None else None
    return key if key is not None else generate_key()


def claim(directory: Path) -> rsa.RSAPrivateKey | None:
    """Take one key out of the pool, or None when it has none left."""
    try:
        entries = [e.name for e in os.scandir(directory) if e.name.endswith(SUFFIX)]
    except OSError:
        return None
    for name in entries:
        taken = directory / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.taken"
        try:
            os.rename(directory / name, taken)      # only one claimant can win this rename
        except OSError:
            continue                                # someone else took it first
        try:
            # Our own keys in an owner-only directory: the RSA self-check (as slow as making
            # a key) was done by the generator that wrote them.
            key = serialization.load_pem_private_key(taken.read_bytes(), password=None,
                                                     unsafe_skip_rsa_key_validation=True)
        except (OSError, ValueError, TypeError):
            key = None                              # a damaged file: drop it, try the next
        finally:
            taken.unlink(missing_ok=True)
        if isinstance(key, rsa.RSAPrivateKey) and key.key_size == KEY_SIZE:
            return key
    return None


def count(directory: Path) -> int:
    try:
        return sum(1 for e in os.scandir(directory) if e.name.endswith(SUFFIX))
    except OSError:
        return 0


def fill(directory: Path, size: int = DEFAULT_SIZE, *, workers: int | None = None) -> int:
    """Generate keys until the pool holds `size`, on every processor. Returns how many it made."""
    private_dir(directory)
    need = size - count(directory)
    if need <= 0:
        return 0
    workers = max(1, min(workers or os.cpu_count() or 1, need))
    shares = [need // workers + (1 if i < need % workers else 0) for i in range(workers)]
    if workers == 1:
        return _make(directory, need)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(_make, [directory] * workers, shares))


def _make(directory: Path, n: int) -> int:
    """Write `n` new keys into the pool; each appears whole (temp file, then rename)."""
    for _ in range(n):
        pem = generate_key().private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption())
        write_private(directory / f"{secrets.token_hex(8)}{SUFFIX}", pem)
    return n
