"""Engines, units of work and migrations for SQLite (embedded default) and PostgreSQL.

SQLite: foreign keys on; every transaction starts with BEGIN IMMEDIATE so a writer takes the
lock up front instead of failing half-way with "database is locked". PostgreSQL: the service
locks the session row (SELECT … FOR UPDATE) in each unit of work; a pooled connection is pinged
only once it has idled (`_ping_when_idle`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from backend.private_files import private_file

if TYPE_CHECKING:
    import sqlite3

    from alembic.config import Config
    from sqlalchemy.pool import ConnectionPoolEntry

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POOL_SIZE = 20          # PostgreSQL connections a process keeps open (a server's busy threads)
PING_AFTER = 5.0        # seconds a pooled connection may idle before it is pinged at checkout
IDLE_SINCE = "idle_since"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str) -> Engine:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            # The whole register: made owner-only before SQLite opens it, which gives its
            # -wal and -shm files the same mode.
            private_file(Path(database))
        engine = create_engine(url, connect_args={"timeout": 30})
        _sqlite_pragmas(engine)
        return engine
    engine = create_engine(url, pool_size=POOL_SIZE)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """A pooled connection idle for PING_AFTER is asked SELECT 1 before use, and replaced if
    it does not answer (the database restarted meanwhile): pool_pre_ping's guarantee without
    its price under load, a round trip and a transaction of its own on every checkout."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info[IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: object) -> None:
        since = record.info.get(IDLE_SINCE)
        if since is None or time.monotonic() - since < PING_AFTER:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(f"no answer after {PING_AFTER:g} s idle") from exc


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not pysqlite, emit BEGIN (so it can be BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL keeps the database consistent and loses nothing when the process
        # dies; only an OS crash or power cut can drop the last commits. FULL would fsync
        # every call of every session.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One engine and its session factory; `unit()` is one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def migrate(self) -> None:
        from alembic import command

        command.upgrade(alembic_config(self.engine), "head")

    def is_migrated(self) -> bool:
        return "alembic_version" in inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine) -> Config:
    """Alembic configured in code (no alembic.ini): scripts live in backend/migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
