"""A fleet of kiosks (端末群) playing whole sessions at once against one served centre, for
`scripts/bench fleet`.

Each kiosk is a row of the centre's register (`add_fleet_kiosks`: one open paid session per
kiosk is the centre's rule, KIOSK_BUSY, so every client needs a kiosk of its own), a
credential issued by the centre's kiosk CA, and a thread driving `RemoteCentre` over mutual
TLS: begin → precheck → authenticate (the card's own key signs the centre's challenge) →
offerings → quote → four coins → settle → issue → report each copy → finish → close, back to
back until the time is up. Every call's latency is kept.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy import select

from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, Scope
from backend.config import Paths
from backend.db import Database
from backend.jpki.card_image import load_card
from backend.kiosk_ca import KioskAuthority
from backend.models import Kiosk
from kiosk.remote.client import RemoteCentre

CARD = "izumi-taro"
REQUEST = IssuanceRequest(CertificateCode.RESIDENT_RECORD, Scope.RESIDENCE,
                          IssuanceKind.HOUSEHOLD_ALL, copies=2)
COINS = (100, 100, 100, 100)


def fleet_kiosk_ids(count: int) -> list[str]:
    return [f"bench-fleet-{n:03d}" for n in range(count)]


def add_fleet_kiosks(url: str, count: int) -> list[str]:
    """`count` convenience-store kiosks (all-day) added to the register at `url`, as seeding
    adds the demo's; the ones already there are kept."""
    database = Database(url)
    ids = fleet_kiosk_ids(count)
    try:
        with database.unit() as s:
            have = set(s.scalars(select(Kiosk.kiosk_id)).all())
            s.add_all(Kiosk(kiosk_id=k, store_name=f"ベンチ店 {k}", chain="bench",
                            municipality_code=None, opens=None, closes=None)
                      for k in ids if k not in have)
    finally:
        database.dispose()
    return ids


def issue_fleet_credentials(centre_home: Paths, kiosk_ids: list[str], where: Path) -> list[Path]:
    """A kiosk home with its credential for each kiosk id."""
    authority = KioskAuthority(centre_home)
    homes = []
    for kiosk_id in kiosk_ids:
        home = where / kiosk_id
        authority.issue(kiosk_id, home)
        homes.append(home)
    return homes


@dataclass(frozen=True)
class Card:
    """What a kiosk reads of the card (its certificate) and the card's signing key."""

    certificate: bytes
    key: rsa.RSAPrivateKey

    @classmethod
    def from_tray(cls, tray: Path, name: str = CARD) -> Card:
        image = load_card(tray, name)
        key = serialization.load_pem_private_key(image.user_auth.private_key_pem, None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return cls(image.user_auth.certificate, key)

    def sign(self, challenge: bytes) -> bytes:
        return self.key.sign(challenge, padding.PKCS1v15(), hashes.SHA256())


@dataclass
class FleetRun:
    sessions: int = 0
    seconds: float = 0.0
    client_cpu_s: float = 0.0           # this process's CPU time: all the clients' threads
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def percentile_ms(self, q: float) -> float:
        if len(self.latencies) < 2:
            return round(1000 * (self.latencies or [0.0])[0], 1)
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return round(1000 * cuts[round(q * 100) - 1], 1)


def play_session(centre: RemoteCentre, card: Card, timed: Callable) -> None:
    start = timed(centre.begin_session, centre.kiosk_id)
    sid = start.session_id
    timed(centre.precheck_card, sid, card.certificate)
    timed(centre.authenticate, sid, card.certificate, card.sign(start.challenge))
    timed(centre.offerings, sid, Scope.RESIDENCE)
    timed(centre.quote, sid, REQUEST)
    for seq, yen in enumerate(COINS, start=1):
        timed(centre.insert_coin, sid, seq, yen)
    timed(centre.settle, sid)
    for copy in timed(centre.issue, sid).copies:
        timed(centre.report_copy, sid, copy.copy_no, True)
    timed(centre.finish, sid)
    timed(centre.close, sid)


def play_fleet(url: str, homes: list[Path], card: Card, *, seconds: float,
               max_sessions: int | None = None,
               ready: Callable[[], None] = lambda: None) -> FleetRun:
    """Every kiosk home's kiosk plays sessions from the same moment until `seconds` are up
    (or `max_sessions` are done between them); a session under way when time is up ends.
    `ready` is called after each kiosk's untimed warm-up session, just before the start."""
    run, lock = FleetRun(), threading.Lock()
    centres = [RemoteCentre([url], home) for home in homes]
    for centre in centres:                 # warm-up, untimed: TLS handshake, first imports
        play_session(centre, card, lambda f, *a: f(*a))
    barrier = threading.Barrier(len(centres) + 1)
    deadline = [0.0]

    def kiosk(centre: RemoteCentre) -> None:
        mine: list[float] = []

        def timed(f, *args):
            t0 = time.perf_counter()
            result = f(*args)
            mine.append(time.perf_counter() - t0)
            return result

        barrier.wait()
        done = 0
        try:
            while time.perf_counter() < deadline[0]:
                with lock:
                    if max_sessions is not None and run.sessions >= max_sessions:
                        break
                    run.sessions += 1
                play_session(centre, card, timed)
                done += 1
        except Exception as exc:            # reported, not raised: the others carry on
            with lock:
                run.sessions -= 1
                run.errors.append(f"{centre.kiosk_id}: {type(exc).__name__}: {exc}"[:200])
        with lock:
            run.latencies += mine

    threads = [threading.Thread(target=kiosk, args=(c,), daemon=True) for c in centres]
    for t in threads:
        t.start()
    ready()
    cpu = time.process_time()
    started = time.perf_counter()
    deadline[0] = started + seconds
    barrier.wait()
    for t in threads:
        t.join(seconds + 120)
    run.seconds = time.perf_counter() - started
    run.client_cpu_s = time.process_time() - cpu
    for centre in centres:
        centre.close_database()
    return run


__all__ = ["Card", "FleetRun", "add_fleet_kiosks", "fleet_kiosk_ids", "issue_fleet_credentials",
           "play_fleet", "play_session"]
