import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real seed content, loaded once, as `make run` would."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
    yield
    # A request the browser abandoned leaves its server thread's connection idle until this process ends; end those
    # sessions so that the test database can be dropped.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def seeded(db):
    """A test that reads the seeded site (each test's changes are rolled back)."""
    return db
