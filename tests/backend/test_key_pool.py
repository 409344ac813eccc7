"""The per-installation key pool: each key handed out once, seeding fast, every card its own key."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from backend.clock import FixedClock
from backend.config import Paths
from backend.demo_data import DEMO_NOW
from backend.jpki import key_pool
from backend.jpki.card_image import load_card
from backend.seed import seed_demo


def public_der(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def pooled_public_keys(directory: Path) -> set[bytes]:
    found = set()
    for path in directory.glob(f"*{key_pool.SUFFIX}"):
        found.add(public_der(serialization.load_pem_private_key(path.read_bytes(), None)))
    return found


def test_fill_makes_owner_only_keys_up_to_the_size(tmp_path) -> None:
    pool = tmp_path / "pool"
    assert key_pool.fill(pool, 5, workers=2) == 5
    assert key_pool.fill(pool, 5) == 0                   # already full: nothing made
    assert key_pool.fill(pool, 7, workers=1) == 2
    assert key_pool.count(pool) == 7
    assert stat.S_IMODE(pool.stat().st_mode) == 0o700
    for path in pool.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.name.endswith(key_pool.SUFFIX)       # no temporary file left behind
    assert len(pooled_public_keys(pool)) == 7


def test_a_claimed_key_leaves_the_pool_and_is_never_handed_out_again(tmp_path) -> None:
    pool = tmp_path / "pool"
    key_pool.fill(pool, 3, workers=1)
    stocked = pooled_public_keys(pool)
    taken = [public_der(key_pool.claim(pool)) for _ in range(3)]
    assert set(taken) == stocked and len(set(taken)) == 3
    assert key_pool.claim(pool) is None and list(pool.iterdir()) == []


def test_take_key_uses_the_configured_pool_then_makes_keys(tmp_path, monkeypatch) -> None:
    pool = tmp_path / "pool"
    key_pool.fill(pool, 1, workers=1)
    stocked = pooled_public_keys(pool)
    monkeypatch.setenv(key_pool.ENV, str(pool))
    assert public_der(key_pool.take_key()) in stocked
    fresh = key_pool.take_key()                          # the pool is empty: a new key
    assert fresh.key_size == 2048 and public_der(fresh) not in stocked


def test_off_and_unusable_pools_still_give_keys(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(key_pool.ENV, "off")
    assert key_pool.pool_dir() is None
    assert key_pool.take_key().key_size == 2048
    monkeypatch.setenv(key_pool.ENV, str(tmp_path / "missing"))
    assert key_pool.take_key().key_size == 2048
    assert not (tmp_path / "missing").exists()


def test_damaged_files_are_dropped_and_the_next_key_taken(tmp_path) -> None:
    pool = tmp_path / "pool"
    key_pool.fill(pool, 1, workers=1)
    good = pooled_public_keys(pool)
    (pool / f"garbage{key_pool.SUFFIX}").write_bytes(b"not a key")
    (pool / f"000small{key_pool.SUFFIX}").write_bytes(
        key_pool.generate_key().private_bytes(serialization.Encoding.PEM,
                                              serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption())[:50])
    assert public_der(key_pool.claim(pool)) in good
    assert key_pool.claim(pool) is None and list(pool.iterdir()) == []


def _claim_all(directory: str, out) -> None:
    got = []
    while (key := key_pool.claim(Path(directory))) is not None:
        got.append(public_der(key))
    out.put(got)


def test_processes_claiming_at_once_share_out_every_key_exactly_once(tmp_path) -> None:
    pool = tmp_path / "pool"
    key_pool.fill(pool, 24, workers=2)
    stocked = pooled_public_keys(pool)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_claim_all, args=(str(pool), out)) for _ in range(4)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    everything = [k for got in results for k in got]
    assert len(everything) == len(set(everything)) == 24
    assert set(everything) == stocked


def test_seeding_takes_its_keys_from_the_pool_and_every_card_has_its_own(tmp_path,
                                                                         monkeypatch) -> None:
    pool = tmp_path / "pool"
    key_pool.fill(pool, 80)
    stocked = pooled_public_keys(pool)
    monkeypatch.setenv(key_pool.ENV, str(pool))
    paths = Paths(tmp_path / "home")
    result = seed_demo(paths, FixedClock(DEMO_NOW), f"sqlite:///{paths.database_file}")
    card_keys = []
    for name in (p.name.removesuffix(".card.json") for p in paths.card_tray.glob("*.card.json")):
        image = load_card(paths.card_tray, name)
        for app in (image.user_auth, image.signing):
            if app is not None:
                card_keys.append(public_der(
                    serialization.load_pem_private_key(app.private_key_pem, None)))
    assert len(card_keys) > result.cards                 # user-auth and most signing keys
    assert len(set(card_keys)) == len(card_keys)         # no two applications share a key
    assert set(card_keys) <= stocked                     # all of them came from the pool
    ca_keys = {public_der(serialization.load_pem_private_key(p.read_bytes(), None))
               for p in paths.jpki.glob("*.key.pem")}
    assert len(ca_keys) == 2 and ca_keys <= stocked and not ca_keys & set(card_keys)
    assert key_pool.count(pool) == 80 - len(card_keys) - 2
    assert not (pooled_public_keys(pool) & set(card_keys))


@pytest.mark.parametrize("value", ["", "  "])
def test_the_default_pool_is_in_the_users_cache(value, monkeypatch) -> None:
    if value:
        monkeypatch.setenv(key_pool.ENV, value)
    else:
        monkeypatch.delenv(key_pool.ENV, raising=False)
    where = key_pool.pool_dir()
    assert where is not None and where.parts[-2:] == ("konbini-kiosk", "rsa-2048")
    assert os.path.isabs(where)
