"""A throwaway PostgreSQL cluster from Debian's server binaries, for tests and benchmarks.

`PostgresCluster.start()` runs initdb and pg_ctl (as the `postgres` user via runuser when
running as root) in a fresh temporary directory, listening only on a private unix socket;
`stop()` shuts it down and deletes everything. Durability is switched off: the data is thrown
away anyway.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SERVER_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    """The cluster could not be started (binaries missing, initdb or pg_ctl failed)."""


def find_bin_dir(root: Path = SERVER_BINARIES) -> Path:
    """The newest installed server version's bin directory."""
    candidates = sorted((p for p in root.glob("*/bin") if (p / "initdb").exists()),
                        key=lambda p: _version_key(p.parent.name), reverse=True)
    if not candidates:
        raise PostgresUnavailable(f"no PostgreSQL server binaries under {root} "
                                  "(Debian package: postgresql)")
    return candidates[0]


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def free_port() -> int:
    """A TCP port on 127.0.0.1 free just now. (For the cluster, only the unix socket listens:
    the port only names the socket file, .s.PGSQL.<port>.)"""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class PostgresCluster:
    bin_dir: Path = field(default_factory=find_bin_dir)
    base: Path | None = None
    port: int = 0
    _run_as: list[str] = field(default_factory=list)

    @property
    def socket_dir(self) -> Path:
        assert self.base is not None
        return self.base / "socket"

    @property
    def data_dir(self) -> Path:
        assert self.base is not None
        return self.base / "data"

    def url(self, database: str = "postgres") -> str:
        return (f"postgresql+psycopg://{SUPERUSER}@/{database}"
                f"?host={self.socket_dir}&port={self.port}")

    def _run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [*self._run_as, *(str(a) for a in args)]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=self.base)
        if check and result.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(cmd)} failed ({result.returncode}):\n"
                                      f"{result.stdout}\n{result.stderr}")
        return result

    def start(self) -> PostgresCluster:
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.port = self.port or free_port()
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam(SUPERUSER)
            except KeyError as exc:
                raise PostgresUnavailable("running as root, but no 'postgres' user") from exc
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
            self._run_as = ["runuser", "-u", SUPERUSER, "--"]
        try:
            self._run("mkdir", "-m", "700", self.socket_dir)
            self._run(self.bin_dir / "initdb", "-D", self.data_dir, "-U", SUPERUSER,
                      "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
            options = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=60")
            self._run(self.bin_dir / "pg_ctl", "-D", self.data_dir, "-o", options,
                      "-l", self.base / "server.log", "-w", "-t", "60", "start")
        except Exception:
            log = self.base / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            self.stop()
            raise PostgresUnavailable(f"PostgreSQL did not start\n{detail}") from None
        return self

    def stop(self) -> None:
        if self.base is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            self._run(self.bin_dir / "pg_ctl", "-D", self.data_dir, "-m", "immediate", "-w",
                      "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        clause = f' TEMPLATE "{template}"' if template else ""
        self.execute(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
