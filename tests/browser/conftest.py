"""Real Chromium (Debian's package) driven by Playwright against the site served from the test database."""

import os
import shutil

import pytest
from django.test.testcases import LiveServerThread, _StaticFilesHandler

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the Django calls the tests make are plain sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    """The whole site (pages, static files) served by a thread on 127.0.0.1, from the seeded test database."""
    with django_db_blocker.unblock():
        server = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait(timeout=30)
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}"
        server.terminate()
        server.join(timeout=10)  # its run() closes the thread's database connections as it ends


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh phone-sized browser context per test; every request it makes is recorded."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=site_url)
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(axe, page):
    """Violations of WCAG 2.0/2.1/2.2 A and AA on the page as it is now."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}},
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{[node['target'] for node in violation['nodes'][:3]]})"
        for violation in results.response["violations"]
    ]


def sign_in_to_admin(page, django_db_blocker, username):
    """Password, then the second factor: a new editor scans the QR code; here the key shown beside it makes the code
    (set up on the first run, reused after). The account is committed so that the server thread sees it."""
    import base64

    from django.contrib.auth import get_user_model
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with django_db_blocker.unblock():
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username, f"{username}@example.invalid", "a-long-test-password")
    page.goto("/admin/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', "a-long-test-password")
    page.click('button[type="submit"]')
    page.wait_for_url("**/admin/2fa/**")
    if page.locator("[data-totp-secret]").count():
        key = base64.b32decode(page.locator("[data-totp-secret]").first.inner_text().strip())
    else:
        with django_db_blocker.unblock():
            key = TOTPDevice.objects.get(user__username=username, confirmed=True).bin_key
    page.fill('input[name="token"]', str(totp(key)).zfill(6))
    page.click('form:has(input[name="token"]) button[type="submit"]')
    page.wait_for_url("**/admin/")
