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


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no page kept from another (whose changes were rolled back)."""
    from django.core.cache import cache

    from portal.pagecache.redis_cache import breaker

    breaker.open_until = 0.0  # a test of Redis being down leaves the breaker open for the next one otherwise
    # Only this run's keys (its KEY_PREFIX) when on Redis: another run may share the server.
    cache.delete_pattern("*") if hasattr(cache, "delete_pattern") else cache.clear()


@pytest.fixture
def seeded(db):
    """A test that reads the seeded site (each test's changes are rolled back)."""
    return db


@pytest.fixture
def editor(client, db):
    """A test client signed in as a superuser who has passed the second factor (TOTP), as the admin requires."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "a-long-test-password")
    device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.user = user
    return client
