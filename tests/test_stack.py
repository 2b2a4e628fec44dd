"""Two application servers behind the shipped nginx configuration (deploy/nginx.conf), sharing PostgreSQL and Redis,
all on 127.0.0.1: a chapter published through one is what both, and nginx, serve within the micro-cache's lifetime;
and while the application servers are down, nginx still hands out the pages it holds."""

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from benchmarks import stack
from portal import languages
from tests.processes import database_url

pytestmark = pytest.mark.usefixtures("seeded")
BASE_DIR = Path(__file__).resolve().parent.parent
SHARED_SECONDS = 2  # the micro-cache's lifetime here (PAGE_CACHE_SHARED_SECONDS); production uses 10
CHAPTER = "/nl/residence-card/"


def test_nginx_knows_the_22_languages_of_portal_languages():
    conf = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    alternatives = re.search(r"~\^/\(\?<code>([^)]*)\)/", conf).group(1).split("|")
    assert alternatives == list(languages.CODES)


def title_of(body: bytes) -> str:
    return re.search(rb"<h1[^>]*>.*?<span[^>]*>(.*?)</span>", body, re.S).group(1).decode()


def publish_title(environment: dict, title: str) -> None:
    """Publish a new Dutch title the way the admin's Publish button does (save a revision, publish it), in a process
    of its own with the application servers' settings: its purge reaches them through the shared Redis."""
    script = (
        "import django; django.setup()\n"
        "from content.models import ChapterPage\n"
        "page = ChapterPage.objects.get(url_path__endswith='/residence-card/')\n"
        f"page.title_nl = {title!r}\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=environment, check=True, timeout=120)  # noqa: S603


@pytest.fixture
def tmp_path():
    """Under /tmp and readable by all: as root, nginx's workers run as nobody (pytest's own folders are 0700)."""
    with stack.work_dir("portal-stack-") as path:
        path.chmod(0o755)
        yield path


def test_two_application_servers_behind_nginx_share_one_truth(tmp_path):
    from content.models import ChapterPage

    before = ChapterPage.objects.get(url_path__endswith="/residence-card/").title_nl
    with stack.stop_on_sigterm(), stack.Redis(tmp_path) as redis:
        environment = stack.production_environment(database_url(connection.settings_dict), redis.url)
        environment["PAGE_CACHE_SHARED_SECONDS"] = str(SHARED_SECONDS)
        environment["DB_CONN_MAX_AGE"] = "0"
        stack.collect_static(environment)
        subprocess.run(  # noqa: S603  (the offline pages nginx shows when no application server answers)
            [sys.executable, "manage.py", "write_offline_pages"], cwd=BASE_DIR, env=environment, check=True, timeout=120
        )
        shutil.copytree(settings.STATIC_ROOT / "offline", tmp_path / "static" / "offline")
        (tmp_path / "one").mkdir()
        (tmp_path / "two").mkdir()
        with (
            stack.Gunicorn(tmp_path / "one", environment, workers=1) as one,
            stack.Gunicorn(tmp_path / "two", environment, workers=1) as two,
        ):

            def shipped(prefix, port):  # deploy/nginx.conf itself, pointed at the two servers on 127.0.0.1
                return stack.shipped_nginx_conf(prefix, port, [one.port, two.port], tmp_path / "static", workers="1")

            try:
                with stack.Nginx(tmp_path / "nginx", shipped, ready_path=CHAPTER) as nginx:
                    port = nginx.port
                    for server in (one.port, two.port, port):
                        status, headers, body = stack.get(server, CHAPTER)
                        assert status == 200 and title_of(body) == before
                    # Both servers now answer from the shared page cache; nginx holds its own copy.
                    assert stack.get(one.port, CHAPTER)[1]["X-Cache"] == "hit"
                    assert stack.get(port, CHAPTER)[1]["X-Micro-Cache"] == "HIT"

                    publish_title(environment, "Uw verblijfskaart (nieuw)")
                    # The application's cache was purged at once, for both servers.
                    for server in (one.port, two.port):
                        status, headers, body = stack.get(server, CHAPTER)
                        assert title_of(body) == "Uw verblijfskaart (nieuw)", server
                    # nginx within its lifetime (it has no purge): bounded wait of twice the lifetime.
                    deadline = time.monotonic() + 2 * SHARED_SECONDS + 3
                    while title_of(stack.get(port, CHAPTER)[2]) != "Uw verblijfskaart (nieuw)":
                        assert time.monotonic() < deadline, "nginx still serves the old title after its lifetime"
                        time.sleep(0.25)

                    # The questionnaire and search are never kept, by nginx either.
                    for path in ("/nl/questionnaire/", "/nl/search/?q=verblijfskaart"):
                        stack.get(port, path)
                        assert stack.get(port, path)[1].get("X-Micro-Cache") != "HIT", path

                    # Both application servers stop: nginx still serves the chapter it holds (stale), not an error.
                    one.__exit__(None, None, None)
                    two.__exit__(None, None, None)
                    time.sleep(SHARED_SECONDS + 0.5)
                    status, headers, body = stack.get(port, CHAPTER)
                    assert status == 200 and headers["X-Micro-Cache"] in ("STALE", "UPDATING")
                    assert title_of(body) == "Uw verblijfskaart (nieuw)"
                    # A page nginx does not hold: the offline page in her language, with the numbers that always work.
                    status, headers, body = stack.get(port, "/ti/questionnaire/")
                    html = body.decode()
                    assert status == 503 and headers["Retry-After"] == "60" and "no-store" in headers["Cache-Control"]
                    assert (
                        '<html lang="ti"' in html and "tel:112" in html and "tel:1712" in html and "quick-exit" in html
                    )
            finally:
                publish_title(environment, before)  # committed for real: put the seed's title back
