"""Installing and running: clear one-line errors for a wrong database or a taken port."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portal import db

ROOT = Path(__file__).resolve().parent.parent


def run(args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:///db.sqlite3", "DATABASE_URL must be a PostgreSQL URL"),
        ("mysql://root@127.0.0.1/test", "DATABASE_URL must be a PostgreSQL URL"),
        ("postgres://postgres@127.0.0.1:5432", "DATABASE_URL names no database"),
        ("not a url", "DATABASE_URL must be a PostgreSQL URL"),
    ],
)
def test_wrong_database_url_is_one_clear_line(url, message):
    result = run(["manage.py", "check"], DATABASE_URL=url)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_unreachable_database_is_one_clear_line():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = run(["manage.py", "migrate", "--noinput"], DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/none")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the database"), result.stderr


def test_database_url_is_parsed_with_a_connect_timeout():
    config = db.parse_url("postgres://user:secret@db.example:5433/portal")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "portal")
    assert config["OPTIONS"]["connect_timeout"] == 5


def test_taken_port_is_a_clear_message():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(["-m", "portal.serve"], PORT=str(port), HOST="127.0.0.1")
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr


def test_bad_port_value_is_a_clear_message():
    result = run(["-m", "portal.serve"], PORT="eighty")
    assert result.returncode != 0 and "PORT must be a number" in result.stderr
