import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real seed content, loaded once, as `make run` would."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def seeded(db):
    """A test that reads the seeded site (each test's changes are rolled back)."""
    return db
