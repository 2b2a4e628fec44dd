"""The database really stops and starts again under a running site: gunicorn keeps serving cached pages, answers
503 with the numbers that always work for pages that need PostgreSQL, and serves them again once the server is
back, without being restarted.

A PostgreSQL server of our own (tests/processes.py) holds a copy of the seeded test database, restored with
portal/backup.py; one gunicorn worker keeps its connection open (DB_CONN_MAX_AGE=60, as in production) across the
stop, so this also checks that a dead persistent connection is noticed and replaced.
"""

import os
import re
import time

import pytest
from django.db import connection

from benchmarks import stack
from portal import backup
from tests.processes import throwaway_cluster

# The marker makes pytest-django create the test database (without any test asking for it, it would not, and these
# tests would read the configured database itself). Its per-test transaction holds no lock pg_dump waits for.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def chapter_path(django_db_setup, django_db_blocker):
    from content.models import ChapterPage

    with django_db_blocker.unblock():
        chapter = ChapterPage.objects.live().order_by("path").first()
    assert chapter is not None, "the seed has no live chapter"
    return f"/nl/{chapter.slug}/"


@pytest.fixture(scope="module")
def site_dump(django_db_setup, tmp_path_factory):
    assert connection.settings_dict["NAME"].startswith("test_"), "not the test database"
    path = tmp_path_factory.mktemp("dump") / "database.dump"
    backup.dump_database(dict(connection.settings_dict), path)
    return path


def first_h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "no <h1> on the page"
    return match.group(1).strip()


def test_the_site_rides_out_a_real_database_stop_and_recovers_without_a_restart(site_dump, chapter_path, tmp_path):
    with throwaway_cluster() as cluster:
        cluster.create_database("portal")
        backup.restore_database(cluster.settings("portal"), site_dump)
        environment = {
            **os.environ,
            # dev settings, not test: test.py pins CONN_MAX_AGE to 0, and the persistent connection is the point.
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": cluster.url("portal"),
            "DB_CONN_MAX_AGE": "60",
            "CACHE_DIR": str(tmp_path / "cache"),  # this worker's page cache, apart from any other checkout user
        }
        environment.pop("REDIS_URL", None)  # the page cache in CACHE_DIR: nothing shared with other runs

        def fetch(path):
            status, headers, body = stack.get(server.port, path)
            return status, body.decode(), headers

        with stack.Gunicorn(tmp_path, environment, workers=1) as server:
            status, _, _ = fetch("/nl/")
            assert status == 200
            for _ in range(2):  # the first request stores the page, the second is served from the cache
                status, html, headers = fetch(chapter_path)
                assert status == 200, html[-500:]
            heading = first_h1(html)
            assert fetch("/nl/questionnaire/")[0] == 200

            cluster.stop()

            status, html, headers = fetch(chapter_path)
            assert status == 200, f"the cached chapter is not served without the database: {status} {headers}"
            assert first_h1(html) == heading
            status, html, headers = fetch("/nl/questionnaire/")
            assert status == 503
            assert "112" in html and "1712" in html
            assert headers.get("Retry-After")

            cluster.start()

            deadline = time.monotonic() + 20
            while (status := fetch("/nl/questionnaire/")[0]) != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert status == 200, server.log.read_text()[-3000:]
