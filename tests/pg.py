"""A throwaway PostgreSQL server for tests (import ``pg_url`` into a test module to use it).

The fixture starts its own server (initdb + pg_ctl, TCP on 127.0.0.1 with a free port, socket in a temporary
directory) once per test session and stops it at the end. As root it runs the server as the ``postgres`` user
(PostgreSQL refuses to run as root). With ``EVENTWIRE_TEST_PG_URL`` set it uses that server instead. Without
PostgreSQL binaries the tests fail, saying what to install, unless ``EVENTWIRE_SKIP_PG=1``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SEARCH = ["/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl (newest version first), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for pattern in SEARCH:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
                return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    """Root may not run PostgreSQL: run it as the ``postgres`` system user then."""
    if os.geteuid() != 0:
        return argv
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *argv]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(argv)]


class PgServer:
    """One initdb'd cluster in a temporary directory, started with pg_ctl."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")

    def start(self) -> None:
        self._run([str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "eventwire", "--auth=trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off -c full_page_writes=off"
        self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                   "-o", options, "-w", "-t", "60", "start"])

    def stop(self) -> None:
        try:
            self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=eventwire dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://eventwire@127.0.0.1:{self.port}/{name}"

    def _run(self, argv: list[str]) -> None:
        done = subprocess.run(_as_server_user(argv), capture_output=True, text=True, timeout=120, cwd=self.root)
        if done.returncode != 0:
            log = self.root / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{tail}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | str]:
    """A running PostgreSQL server (ours), or the URL of the one named by EVENTWIRE_TEST_PG_URL."""
    given = os.environ.get("EVENTWIRE_TEST_PG_URL")
    if given:
        yield given
        return
    if os.environ.get("EVENTWIRE_SKIP_PG") == "1":
        pytest.skip("PostgreSQL tests skipped: EVENTWIRE_SKIP_PG=1")
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL binaries (initdb, pg_ctl) not found: install them (Debian: apt-get install postgresql; "
            "or run .ci/services.sh), point EVENTWIRE_TEST_PG_URL at a server, or set EVENTWIRE_SKIP_PG=1",
            pytrace=False,
        )
    server = PgServer(bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer | str) -> str:
    """The URL of a new, empty database on the test server (one per test, so tests never see each other)."""
    if isinstance(pg_server, str):
        return _fresh_database_on(pg_server)
    return pg_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


def _fresh_database_on(url: str) -> str:
    """With a given server: create a new database next to the given one (or reuse it if we may not)."""
    import psycopg
    from sqlalchemy import make_url

    parsed = make_url(url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return url
    return parsed.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
