"""Backup and restore for real: the seeded test database (pg_dump) and the media folder in one archive, restored
into a fresh database on the same server with every table holding the same rows; a restore that fails changes
nothing; a wrong FILE is refused in one line before any database is touched.

pg_dump runs in another process, so it sees only committed data: the seed that django_db_setup loaded. These tests
change nothing in the test database: what they create (a fresh database, archives) is their own.
"""

import io
import os
import re
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from portal import backup
from tests.processes import ROOT, database_url

# The marker makes pytest-django create the test database (without any test asking for it, it would not, and these
# tests would read the configured database itself). Its per-test transaction holds no lock pg_dump waits for.
pytestmark = pytest.mark.django_db

LEAFLET = b"%PDF-1.4\n% a leaflet an editor uploaded\n"


def connect(database: dict, **kwargs) -> psycopg.Connection:
    return psycopg.connect(**backup.connection_parameters(database), **kwargs)


def row_counts(database: dict) -> dict[str, int]:
    """Rows of every table of the public schema, as the catalogue lists them."""
    with connect(database) as conn:
        tables = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        query = sql.SQL("SELECT count(*) FROM {}")
        return {table: conn.execute(query.format(sql.Identifier(table))).fetchone()[0] for table in tables}


@pytest.fixture(scope="module")
def source(django_db_setup):
    """The test database's connection settings (its NAME is test_…, set by pytest-django)."""
    assert connection.settings_dict["NAME"].startswith("test_"), "not the test database"
    return dict(connection.settings_dict)


@pytest.fixture(scope="module")
def source_counts(source):
    counts = row_counts(source)
    assert counts["wagtailcore_page"] > 0 and counts["directory_service"] > 0, "the seed is missing"
    return counts


@pytest.fixture(scope="module")
def archive(source, tmp_path_factory):
    """One `make backup` archive of the test database, with an uploaded file in its media folder."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    (media / "documents").mkdir()
    (media / "documents" / "leaflet.pdf").write_bytes(LEAFLET)
    started = time.monotonic()
    with override_settings(MEDIA_ROOT=media):
        path = backup.dump(tmp_path_factory.mktemp("backups"), database=source)
    print(f"\ndump: {path.stat().st_size / 1e6:.2f} MB in {time.monotonic() - started:.1f} s")
    return path


@pytest.fixture
def fresh_database(source):
    """An empty database on the test database's server, dropped afterwards."""
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    maintenance = {**source, "NAME": "postgres"}
    with connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source, "NAME": name}
    with connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_the_archive_holds_the_dump_and_the_media_folder_for_the_owner_only(archive):
    assert re.fullmatch(r"portal-\d{8}-\d{6}\.tar", archive.name)
    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert tar.extractfile("media/documents/leaflet.pdf").read() == LEAFLET
    assert "database.dump" in names
    assert not [path for path in archive.parent.iterdir() if path != archive], "a temporary file was left behind"


def test_a_restore_into_a_fresh_database_gives_every_table_the_same_rows_and_the_files_back(
    archive, source_counts, fresh_database, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # absent: the restore creates it
    started = time.monotonic()
    backup.restore(archive, database=fresh_database)
    print(f"\nrestore: {time.monotonic() - started:.1f} s")
    restored = row_counts(fresh_database)
    assert restored == source_counts
    assert len(restored) > 50
    assert restored["wagtailcore_page"] > 10 and restored["directory_service"] > 40
    assert (tmp_path / "media" / "documents" / "leaflet.pdf").read_bytes() == LEAFLET


def test_the_embedded_packages_programs_back_up_and_restore_this_server_too(
    source, source_counts, fresh_database, tmp_path
):
    """The Docker image has only the wheel's PostgreSQL 18 programs. On an older server (the machine's 15) this
    goes through SQL text and psql; restoring twice shows that a restore replaces what is there (--clean)."""
    programs = backup.embedded_programs()
    dump = tmp_path / "database.dump"
    backup.dump_database(source, dump, programs)
    backup.restore_database(fresh_database, dump, programs)
    backup.restore_database(fresh_database, dump, programs)
    assert row_counts(fresh_database) == source_counts


def test_a_restore_that_fails_half_way_changes_nothing(archive, source_counts, fresh_database, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup.restore(archive, database=fresh_database)
    with connect(fresh_database, autocommit=True) as conn:
        conn.execute("UPDATE wagtailcore_page SET title = 'changed after the backup' WHERE depth = 1")
        # An object the archive does not know depends on a table: dropping that table fails, late in the restore.
        conn.execute("CREATE VIEW editors_report AS SELECT id FROM wagtailcore_page")
    (tmp_path / "media" / "documents" / "leaflet.pdf").unlink()
    with pytest.raises(backup.BackupError, match="nothing was changed"):
        backup.restore(archive, database=fresh_database)
    assert row_counts(fresh_database) == source_counts
    with connect(fresh_database) as conn:
        assert conn.execute("SELECT title FROM wagtailcore_page WHERE depth = 1").fetchone()[0] == (
            "changed after the backup"
        )
    assert not (tmp_path / "media" / "documents" / "leaflet.pdf").exists(), "files unpacked after a failed restore"


def run_cli(*args: str, database: dict) -> subprocess.CompletedProcess:
    # DATABASE_URL always set: the command must neither start nor stop the embedded server of a developer's site.
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    return subprocess.run(
        [sys.executable, "-m", "portal.backup", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_backup_prints_the_path_of_the_archive(source, tmp_path):
    result = run_cli("dump", str(tmp_path), database=source)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path and path.is_file()
    with tarfile.open(path) as tar:
        assert "database.dump" in tar.getnames()


def tar_with(path: Path, entries: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, content in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def text_file(path: Path) -> Path:
    path.write_text("not an archive")
    return path


WRONG_FILES = {
    "missing": (lambda folder: folder / "portal-missing.tar", "does not exist"),
    "a folder": (lambda folder: folder, "is not a backup archive"),
    "not a tar file": (lambda folder: text_file(folder / "notes.tar"), "is not a backup archive"),
    "no dump": (lambda folder: tar_with(folder / "other.tar", {"photo.jpg": b"x"}), "it has no database.dump"),
    "a path leaving the media folder": (
        lambda folder: tar_with(folder / "evil.tar", {"database.dump": b"x", "media/../../etc/cron.d/x": b"x"}),
        "cannot be unpacked safely",
    ),
    "a broken dump": (
        lambda folder: tar_with(folder / "broken.tar", {"database.dump": b"PGDMP but not really"}),
        "not a database dump pg_restore can read",
    ),
}


@pytest.mark.parametrize("case", WRONG_FILES)
def test_a_wrong_file_is_refused_in_one_line_and_the_database_is_untouched(case, source, source_counts, tmp_path):
    make_file, message = WRONG_FILES[case]
    result = run_cli("restore", str(make_file(tmp_path)), "--database-url", database_url(source), database=source)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert row_counts(source) == source_counts
