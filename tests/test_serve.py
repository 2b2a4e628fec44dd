"""`make run`'s server for real: gunicorn started by portal.serve, answering on 127.0.0.1 in all 22 languages."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from portal import languages

ROOT = Path(__file__).resolve().parent.parent


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "postgres")
    password = quote(settings_dict["PASSWORD"] or "")
    # The embedded server's socket folder is in OPTIONS (that is how dj-database-url reads "?host=").
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "")
    name = settings_dict["NAME"]
    if host.startswith("/"):  # the embedded server listens on a Unix socket
        return f"postgres://{user}:{password}@/{name}?host={quote(host)}"
    return f"postgres://{user}:{password}@{host}:{settings_dict['PORT'] or 5432}/{name}"


class Served(str):
    """The server's base URL, which also knows where the server's log is (shown when a request fails)."""

    def __new__(cls, base, log):
        served = super().__new__(cls, base)
        served.log = log
        return served


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server on 127.0.0.1)
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": url,
        "PORT": str(port),
        "WORKERS": "2",
    }
    log = tmp_path_factory.mktemp("serve") / "gunicorn.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.serve"],
        cwd=ROOT,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(base + "/")
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not answer within 30 s:\n" + log.read_text())
    yield Served(base, log)
    process.terminate()
    process.wait(timeout=20)
    # The server backends of the workers' connections end a moment after the workers do; wait for them, so that
    # the test database can be dropped at the end of the session.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for _ in range(100):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.1)


def test_the_chooser_is_served(served):
    status, html, headers = get(served + "/")
    assert status == 200
    assert all(language.native_name in html for language in languages.LANGUAGES)
    assert "Set-Cookie" not in headers


@pytest.mark.parametrize("language", languages.LANGUAGES, ids=lambda language: language.code)
def test_a_chapter_is_served_in_every_language_with_its_direction(served, language):
    status, html, headers = get(f"{served}/{language.code}/residence-card/")
    assert status == 200, served.log.read_text()[-3000:]
    assert f'<html lang="{language.code}" dir="{language.direction}">' in html
    assert "Set-Cookie" not in headers


def test_static_files_are_served(served):
    status, css, _ = get(served + "/static/css/site.css")
    assert status == 200 and "margin-inline" in css


def test_unknown_language_is_a_404_page(served):
    status, html, _ = get(served + "/xx/")
    assert status == 404 and "Nederlands" in html
