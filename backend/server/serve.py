"""`kiosk centre serve`: the centre as a service, on uvicorn, mutual TLS only.

The centre's home (KIOSK_HOME) keeps the register's database (or KIOSK_DATABASE_URL names
it), the municipalities' keys, the J-LIS CA and the kiosk CA (`backend.kiosk_ca`), whose
server certificate the centre presents and whose kiosk credentials it requires: a client
without one (or with one from another CA) fails the TLS handshake. The schema is migrated
once, here, before any server process starts; each of the `workers` processes then opens its
own engine on the same database (SQLite too: its writers take its lock up front).
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass

from backend import config
from backend.config import Paths
from backend.db import Database
from backend.kiosk_ca import KioskAuthority
from backend.server.app import ENV_CLOCK

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8443


@dataclass(frozen=True)
class ServeOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    database_url: str | None = None
    workers: int = 1
    clock: str | None = None          # an ISO instant: a running clock from there (demos, tests)
    log_level: str = "warning"


def prepare(paths: Paths, options: ServeOptions) -> tuple[KioskAuthority, str]:
    """The centre's home made ready: its kiosk CA and server certificate, its database
    migrated. Returns the authority and the database URL the servers will use."""
    paths.ensure()
    authority = KioskAuthority(paths)
    url = options.database_url or config.database_url(home=paths)
    database = Database(url)
    try:
        database.migrate()
    finally:
        database.dispose()
    return authority, url


def serve(paths: Paths, options: ServeOptions) -> None:
    """Run the centre until stopped (SIGINT or SIGTERM: uvicorn finishes what is under way)."""
    import uvicorn

    authority, url = prepare(paths, options)
    # The server processes read their configuration from the environment (a worker of
    # uvicorn's is a new process that imports the app factory by name).
    os.environ.update({"KIOSK_HOME": str(paths.home), "KIOSK_DATABASE_URL": url})
    if options.clock:
        os.environ[ENV_CLOCK] = options.clock
    else:
        os.environ.pop(ENV_CLOCK, None)
    uvicorn.run(
        "backend.server.app:app_from_environment", factory=True,
        host=options.host, port=options.port, workers=max(1, options.workers),
        http="backend.server.guard:PeerCertificateH11", ws="none", lifespan="off",
        ssl_certfile=str(authority.server_cert), ssl_keyfile=str(authority.server_key),
        ssl_ca_certs=str(authority.ca_cert), ssl_cert_reqs=ssl.CERT_REQUIRED,
        log_level=options.log_level, access_log=False, timeout_graceful_shutdown=5,
        server_header=False)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServeOptions", "prepare", "serve"]
