"""Backend fixtures: the centre on SQLite and on PostgreSQL (every test using `centre` runs on
both), a card that signs challenges from its card image, and plain-byte rendering so these
tests exercise the ledger rather than PDF layout (tests/certificates covers that).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from backend.api import IssuedCopy
from backend.api_services import Service
from backend.clock import FixedClock
from backend.config import Paths
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.models import CardRevocation, HonsekiRegistration, ResetReservation
from backend.reasons import Reason, ServiceError
from backend.service import IssuanceCentre
from backend.testing.cards import CardInHand
from tests.conftest import copy_home


def refused(reason: Reason):
    """Expects the call inside to raise `ServiceError` with `reason`."""
    return pytest.raises(ServiceError, match=f"^{reason.value}")


class PlainRendering:
    """Stand-in for backend.rendering: records each call, returns recognisable bytes."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.receipts: list[object] = []

    def copies(self, db, **kwargs) -> list[IssuedCopy]:
        self.calls.append(kwargs)
        request = kwargs["request"]
        return [IssuedCopy(n, f"{kwargs['issuance_id']}-{n}",
                           f"copy {n} of {kwargs['issuance_id']}".encode())
                for n in range(1, request.copies + 1)]

    def receipt(self, data) -> bytes:
        self.receipts.append(data)
        return f"receipt {data.transaction_no}".encode()


@dataclass
class CentreHome:
    paths: Paths
    url: str
    backend: str   # "sqlite" / "postgres"


@pytest.fixture(scope="session")
def pg_seeded(postgres_cluster, tmp_path_factory) -> CentreHome:
    """One PostgreSQL database seeded once, with its own KIOSK_HOME (cards, CA)."""
    from backend.seed import seed_demo

    paths = Paths(tmp_path_factory.mktemp("pg-home") / "home")
    # a name of its own: another package (tests/dashboard) may seed its own copy in the session
    url = postgres_cluster.create_database(f"kiosk_test_{paths.home.parent.name.replace('-', '_')}")
    seed_demo(paths, FixedClock(DEMO_NOW), url)
    return CentreHome(paths, url, "postgres")


LEDGER = ("session_steps", "issued_copies", "issuances", "payments", "refunds", "sessions",
          "transaction_numbers")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre_home(request, tmp_path: Path) -> CentreHome:
    """SQLite: a private copy of the seeded home. PostgreSQL: the shared seeded database, its
    ledger emptied after each test, the revocations, applications and reservations a test
    added deleted, and the seeded reservations unused again: besides these, the tests only
    add sessions' rows."""
    if request.param == "sqlite":
        template = request.getfixturevalue("seeded_template")
        paths = copy_home(template, tmp_path / "home")
        yield CentreHome(paths, f"sqlite:///{paths.database_file}", "sqlite")
        return
    home = request.getfixturevalue("pg_seeded")
    database = Database(home.url)
    added = (CardRevocation, HonsekiRegistration, ResetReservation)
    with database.unit() as s:
        seeded = {table: s.scalar(select(func.max(table.id))) or 0 for table in added}
    yield home
    with database.unit() as s:
        s.execute(text(f"TRUNCATE {', '.join(LEDGER)}"))
        for table in added:
            s.execute(delete(table).where(table.id > seeded[table]))
        s.execute(update(ResetReservation).values(used_at=None, session_id=None, outcome=None))
    database.dispose()


@pytest.fixture
def seeded(centre_home):
    """One unit of work over the seeded register, for tests that read it."""
    database = Database(centre_home.url)
    with database.unit() as s:
        yield s
    database.dispose()


@pytest.fixture
def rendering() -> PlainRendering:
    return PlainRendering()


@pytest.fixture
def centre(centre_home: CentreHome, clock, rendering) -> IssuanceCentre:
    database = Database(centre_home.url)   # the templates are migrated and seeded
    c = IssuanceCentre(centre_home.paths, clock, database, render_copies=rendering.copies,
                       render_receipt=rendering.receipt)
    yield c
    c.close_database()


@pytest.fixture
def cards(centre_home: CentreHome) -> CardInHand:
    return CardInHand(centre_home.paths)


@pytest.fixture
def demo_cards(demo_home: Paths) -> CardInHand:
    """The cards of `demo_home` (the SQLite copy the CLI tests use)."""
    return CardInHand(demo_home)


@pytest.fixture
def login(centre, cards):
    """Begin a session (for `service`) at a kiosk and authenticate `card_name`; returns
    (session_id, holder)."""

    def _login(card_name: str, kiosk: str = "seven-izumi-fuchu",
               service: Service = Service.ISSUANCE):
        start = centre.begin_session(kiosk, service)
        cert = cards.certificate(card_name)
        centre.precheck_card(start.session_id, cert)
        holder = centre.authenticate(start.session_id, cert,
                                     cards.sign(card_name, start.challenge))
        return start.session_id, holder

    return _login
