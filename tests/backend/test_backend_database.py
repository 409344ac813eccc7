"""The database layer: migrations match the models, SQLite pragmas, locking, concurrent retries,
and no PIN anywhere in the schema or the service API."""

from __future__ import annotations

import inspect
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from backend.api import CertificateCode, IssuanceRequest, IssuanceService
from backend.db import Database, current_revision
from backend.demo_data import DEMO_NOW
from backend.models import Base, Payment


def test_migrations_match_the_models(centre_home):
    database = Database(centre_home.url)
    database.migrate()   # already at head: a no-op
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert current_revision(database.engine) == "0006"
    database.dispose()


def test_fresh_database_migrates_from_nothing(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'new' / 'kiosk.sqlite3'}")
    assert not database.is_migrated()
    database.migrate()
    assert database.is_migrated()
    database.dispose()


def test_registrations_made_before_applications_stay_approved(tmp_path):
    from alembic import command

    from backend.db import alembic_config

    database = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config(database.engine)
    command.upgrade(config, "0002")
    with database.engine.begin() as c:
        c.execute(text("INSERT INTO municipalities VALUES ('012131', '苫小牧市', '北海道', 'x', 0)"))
        c.execute(text("INSERT INTO households VALUES (1, '012131', 'x')"))
        c.execute(text(
            "INSERT INTO residents (id, resident_code, my_number, municipality_code, household_id,"
            " member_order, relation, family_name, given_name, family_kana, given_kana,"
            " birth_date, sex, address, became_resident_on, address_set_on, status)"
            " VALUES (1, 'r', 'n', '012131', 1, 0, '世帯主', 'a', 'b', 'ア', 'イ', '1990-01-01',"
            " '1', 'x', '2000-01-01', '2000-01-01', 'active')"))
        c.execute(text("INSERT INTO honseki_registrations VALUES (1, 1, '012131', '2025-01-01')"))
    command.upgrade(config, "head")
    with database.engine.connect() as c:
        assert c.execute(text("SELECT status, registered_on FROM honseki_registrations")).all() == [
            ("approved", "2025-01-01")]
        assert c.execute(text("SELECT service FROM sessions")).all() == []
    # a rejected application does not block the next one; two live ones for one 本籍地 do
    with database.engine.begin() as c:
        c.execute(text("UPDATE honseki_registrations SET status = 'rejected'"))
        c.execute(text("INSERT INTO honseki_registrations (resident_id, municipality_code,"
                       " status) VALUES (1, '012131', 'pending')"))
    with pytest.raises(Exception, match="UNIQUE"):
        with database.engine.begin() as c:
            c.execute(text("INSERT INTO honseki_registrations (resident_id, municipality_code,"
                           " status) VALUES (1, '012131', 'approved')"))
    command.downgrade(config, "0002")            # and back: what was approved stays
    with database.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM honseki_registrations")).scalar() == 0
    database.dispose()


def test_sqlite_foreign_keys_are_enforced(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    database.migrate()
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with database.unit() as s:
            s.add(Payment(session_id="no-such-session", seq=1, yen=100, received_at=DEMO_NOW))
    database.dispose()


def test_sqlite_unit_takes_the_write_lock_up_front(tmp_path):
    path = tmp_path / "k.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.migrate()
    with database.unit() as s:
        s.execute(text("SELECT 1"))           # only a read so far, yet the lock is held
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    database.dispose()


def test_concurrent_retries_of_one_coin_count_once(centre, login):
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, IssuanceRequest(CertificateCode.SEAL_REGISTRATION))
    barrier = threading.Barrier(6)

    def insert(_):
        barrier.wait()
        return centre.insert_coin(session_id, 1, 100).inserted_yen

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(insert, range(6)))
    assert results == [100] * 6
    with centre.db.unit() as s:
        count = s.scalar(select(func.count()).select_from(Payment).where(
            Payment.session_id == session_id))
    assert count == 1


def test_concurrent_settle_and_cancel_leave_one_outcome(centre, login):
    from backend.admin import ledger_balance
    from backend.reasons import ServiceError

    session_id, _ = login("izumi-taro")
    centre.quote(session_id, IssuanceRequest(CertificateCode.SEAL_REGISTRATION))
    centre.insert_coin(session_id, 1, 500)
    barrier = threading.Barrier(2)

    def attempt(call):
        barrier.wait()
        try:
            return call(session_id)
        except ServiceError as exc:
            return exc.reason

    with ThreadPoolExecutor(2) as pool:
        settle, cancel = pool.map(attempt, (centre.settle, centre.cancel))
    centre.close(session_id)
    balance = ledger_balance(centre.db, session_id)
    assert balance.balanced and balance.paid_in == 500
    # either settle won (change 300, then cancel refunded the 200 due) or cancel won outright
    assert (balance.change, balance.refunded) in ((300, 200), (0, 500))


def test_no_pin_in_the_schema_or_the_service_api():
    columns = [c.name for table in Base.metadata.tables.values() for c in table.columns]
    assert not [c for c in columns if "pin" in c.lower()]
    for name, member in inspect.getmembers(IssuanceService, inspect.isfunction):
        assert not [p for p in inspect.signature(member).parameters if "pin" in p.lower()], name


@pytest.mark.postgres
@pytest.mark.parametrize("idle_after", [0.0, 3600.0])
def test_a_pooled_connection_idle_past_its_time_is_pinged_and_replaced(postgres_cluster,
                                                                        monkeypatch, idle_after):
    """The database dropped the pool's connection while it idled (a restart): once it has
    idled PING_AFTER, the next unit of work gets a fresh one; before that, it is not asked
    (the call fails as the database's being away, which the server answers 503)."""
    from sqlalchemy.exc import OperationalError

    from backend import db as db_module

    name = f"idle_ping_{int(idle_after)}"
    database = Database(postgres_cluster.create_database(name))
    with database.unit() as s:
        s.execute(text("SELECT 1"))
    postgres_cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             f"WHERE datname = '{name}'")
    monkeypatch.setattr(db_module, "PING_AFTER", idle_after)
    try:
        if idle_after:
            with pytest.raises(OperationalError), database.unit() as s:
                s.execute(text("SELECT 1"))
        else:
            with database.unit() as s:
                assert s.scalar(text("SELECT 1")) == 1
    finally:
        database.dispose()
