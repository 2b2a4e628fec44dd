"""Safety, privacy and security: headers, a crawl of every public page type in 22 languages, the admin's second
factor and throttling, rate limits, uploads, and `check --deploy` with the production settings."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from content.chapters import live_chapters
from portal import languages
from portal.directory.models import Service
from portal.questionnaire import tree as tree_module
from portal.questionnaire.walk import paths

pytestmark = pytest.mark.usefixtures("seeded")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class _Resources(HTMLParser):
    """Every address a page would make the browser load or send to, and every inline script or style."""

    def __init__(self):
        super().__init__()
        self.loads, self.links, self.inline = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline.append(f"style attribute on <{tag}>")
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"event handler on <{tag}>")
        if tag == "script" and not attrs.get("src"):
            self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("<style> element")
        for name in ("src", "srcset", "action", "data", "poster"):
            if attrs.get(name):
                self.loads.append(attrs[name])
        if tag in ("link", "use", "image") and (attrs.get("href") or attrs.get("xlink:href")):
            self.loads.append(attrs.get("href") or attrs.get("xlink:href"))
        if tag == "a" and attrs.get("href", "").startswith(("http:", "https:", "//")):
            self.links.append((attrs["href"], attrs.get("rel", "")))


def public_pages():
    """One URL (and POST data, if any) of every public page type, in every language."""
    tree = tree_module.load()
    outcome_steps = next(path.steps for path in paths(tree))
    chapters = list(live_chapters().values_list("slug", "pk"))
    national_line = Service.objects.get(national_line=5).hsds_id  # the care centres: a page with outbound links
    pages = [("/", None), ("/exit-landing/", None), ("/hsds/services?full=true", None)]
    for code in languages.CODES:
        pages += [(f"/{code}/", None), (f"/{code}/search/?q=residence", None), (f"/{code}/questionnaire/", None)]
        pages += [(f"/{code}/{slug}/", None) for slug, _pk in chapters]
        pages += [
            (f"/{code}/questionnaire/", {"answer": [f"{q}={c}" for q, c in outcome_steps], "v": tree.version}),
            (f"/{code}/referral/", None),
            (f"/{code}/referral/side-by-side/ar/{chapters[0][0]}/", None),
            (f"/{code}/referral/card/ti/{chapters[0][0]}/", None),
            (f"/{code}/referral/interpreter/fa/", None),
            (f"/{code}/help/?postcode=1000&category=health", None),
            (f"/{code}/help/{national_line}/", None),
            (f"/{code}/no-such-page/", None),
        ]
    return pages


def test_every_public_page_type_in_22_languages_keeps_no_trace_and_loads_only_our_own_files(client):
    pages = public_pages()
    assert len(pages) > 22 * 17
    for url, data in pages:
        response = client.post(url, data) if data else client.get(url)
        assert response.status_code in (200, 404), url
        assert "Set-Cookie" not in response.headers and not response.cookies, url
        assert response["Referrer-Policy"] == "no-referrer", url
        csp = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, url
        parser = _Resources()
        parser.feed(response.content.decode())
        assert parser.inline == [], (url, parser.inline)
        foreign = [address for address in parser.loads if re.match(r"^(https?:)?//", address)]
        assert foreign == [], (url, foreign)
        for href, rel in parser.links:
            assert "noreferrer" in rel and "noopener" in rel, (url, href)
        if "/questionnaire/" in url or "/search/" in url:
            assert "no-store" in response["Cache-Control"], url


def test_public_security_headers(client):
    response = client.get("/nl/")
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["form-action"] == "'self'" and csp["base-uri"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_the_admin_gets_what_wagtail_needs_only_there_and_is_not_indexed(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_quick_exit_without_javascript(client):
    response = client.get("/exit/")
    assert response.status_code == 303
    assert response["Location"] == "/exit-landing/"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("code", languages.CODES)
def test_the_quick_exit_speaks_every_language(client, code):
    html = client.get(f"/{code}/").content.decode()
    message = re.search(r'id="quick-exit-status"[^>]*data-message="([^"]*)"', html).group(1)
    assert "#" in message
    if code != "en":
        assert message != "Shift pressed: # of 3", f"English left in {code}"
        assert html.count("Leave this site") == 0 or code == "en"


def test_check_deploy_passes_with_the_production_settings():
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "rights.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://rights.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The admin ---------------------------------------------------------------------------------------------------------


def test_a_password_alone_does_not_open_the_admin(client):
    user = get_user_model().objects.create_superuser("ana", "ana@example.invalid", "a-long-test-password")
    client.force_login(user)
    assert client.get("/admin/sprite/").status_code == 403, "no redirect for what scripts fetch"
    response = client.get("/admin/pages/", HTTP_ACCEPT="text/html")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/?next=/admin/pages/")
    setup = client.get(response["Location"])
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/admin/2fa/setup/", {"token": "000000", "next": "/admin/pages/"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the device wait a moment before the next try
    response = client.post("/admin/2fa/setup/", {"token": str(totp(device.bin_key)).zfill(6), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/", HTTP_ACCEPT="text/html").status_code == 200
    # Next sign-in: the code is asked again, and a foreign "next" is ignored.
    client.logout()
    client.force_login(user)
    assert client.get("/admin/", HTTP_ACCEPT="text/html").headers["Location"].startswith("/admin/2fa/?next=")
    assert "not valid" in client.post("/admin/2fa/", {"token": "123456"}).content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    device.last_t = -1  # the same 30-second code may be used again in this test
    device.save()
    response = client.post(
        "/admin/2fa/", {"token": str(totp(device.bin_key)).zfill(6), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_sign_in_is_throttled_by_username_and_address_with_a_cool_off(client):
    get_user_model().objects.create_user("bo", "bo@example.invalid", "a-long-test-password", is_staff=True)
    get_user_model().objects.create_user("cy", "cy@example.invalid", "a-long-test-password", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "bo", "password": "wrong-password-123"})
    locked = client.post("/admin/login/", {"username": "bo", "password": "a-long-test-password"})
    assert locked.status_code in (403, 429)
    other = client.post("/admin/login/", {"username": "cy", "password": "a-long-test-password"})
    assert other.status_code == 302, "another editor at the same address is not locked out"
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    client.logout()
    assert client.post("/admin/login/", {"username": "bo", "password": "a-long-test-password"}).status_code == 302


def test_passwords_need_12_characters_and_not_a_common_one():
    for weak in ("short-pass", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("violet-harbour-47-lantern")


def test_editor_sessions_end_after_8_hours(editor):
    cookie = editor.cookies["sessionid"]
    assert int(cookie["max-age"] or 8 * 3600) <= 8 * 3600
    assert editor.session.get_expiry_age() <= 8 * 3600


def test_uploads_are_limited_to_pdf_documents_and_images(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    program = SimpleUploadedFile("tool.exe", b"MZ\x90\x00" * 10, content_type="application/octet-stream")
    response = editor.post("/admin/documents/multiple/add/", {"files[]": program, "title": "tool"})
    assert "tool.exe" not in str(response.content) or response.status_code >= 400 or b"not" in response.content
    from wagtail.documents.models import Document

    assert not Document.objects.filter(title__startswith="tool").exists()
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024):
        big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * 4096, content_type="image/png")
        response = editor.post("/admin/images/multiple/add/", {"files[]": big})
        from wagtail.images.models import Image

        assert not Image.objects.exists()


# Rate limits ---------------------------------------------------------------------------------------------------------


@override_settings(PORTAL_RATE_LIMITS={"questionnaire": "3/m", "search": "3/m"})
def test_rate_limits_answer_429_with_a_readable_page_in_the_readers_language(client):
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get("/ar/search/?q=x").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    response = client.get("/ar/search/?q=x")
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and 'href="tel:112"' in html and "<h1>" in html
    statuses = [client.post("/ti/questionnaire/", {"answer": "danger=no"}).status_code for _ in range(5)]
    assert statuses[3:] == [429, 429]
    assert '<html lang="ti"' in client.post("/ti/questionnaire/").content.decode()
    other_address = client.get("/ar/search/?q=x", REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 200, "limits are per address"
    cache.clear()


def test_editors_choose_the_quick_exit_address(editor, client):
    from django.core.cache import cache

    from portal.safety.models import CACHE_KEY, QuickExitSetting

    assert 'data-exit-url="/exit-landing/"' in client.get("/nl/").content.decode()  # the variable's default
    form = f"/admin/settings/safety/quickexitsetting/{QuickExitSetting.load().pk}/"
    response = editor.post(form, {"url": "http://weather.example/"})
    assert response.status_code == 200 and not QuickExitSetting.load().url, "plain http is refused"
    try:
        response = editor.post(form, {"url": "https://weather.example/"})
        assert response.status_code == 302
        assert 'data-exit-url="https://weather.example/"' in client.get("/ar/").content.decode()
        assert client.get("/exit/")["Location"] == "https://weather.example/"
    finally:
        cache.delete(CACHE_KEY)  # the database change is rolled back after the test; the cached address too


def test_a_lost_phone_reset_removes_the_device_and_ends_the_sessions(editor, capsys):
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    assert Session.objects.exists()
    call_command("reset_two_factor", "editor")
    assert "Removed 1 device(s) of editor and ended 1 session(s)." in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user__username="editor").exists()
    assert editor.get("/admin/", HTTP_ACCEPT="text/html")["Location"].startswith("/admin/login/")


def test_our_scripts_never_write_cookies_or_browser_storage():
    scripts = list((Path(ROOT) / "static" / "js").glob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text()
        for api in ("localStorage", "sessionStorage", "document.cookie", "indexedDB", "navigator.sendBeacon"):
            assert api not in text, f"{script.name} uses {api}"
