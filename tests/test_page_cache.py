"""Whole public pages from the cache: what is kept, what never is, what a change purges (in all 22 languages), and
that a cache that does not answer (Redis down) costs readers nothing but speed."""

import http.server
import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from content.models import ChapterPage, HomePage
from portal import languages
from portal.directory.models import Service
from portal.pagecache import store
from portal.referrals.models import ReferralPage

pytestmark = pytest.mark.usefixtures("seeded")
CHAPTER = "residence-card"


def everywhere(*paths):
    return {languages.path_in_language(path, code) for path in paths for code in languages.CODES}


def get_twice(path, **headers):
    client = Client()
    first = client.get(path, **headers)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path, **headers)
    return first, second, len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/nl/",
        f"/ar/{CHAPTER}/",
        f"/ti/{CHAPTER}/",
        "/fr/referral/",
        "/fa/referral/no-papers/",
        "/nl/help/",
        "/ar/help/?postcode=1000&category=shelter",
    ],
)
def test_a_public_page_is_kept_whole_and_served_without_sql(path):
    first, second, queries = get_twice(path)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert queries == 0
    # Every header the inner middleware set comes back with the page: the policy, the language, no referrer.
    for header in ("Content-Security-Policy", "Content-Language", "Referrer-Policy", "Content-Type"):
        assert second[header] == first[header], header
    assert "Set-Cookie" not in second
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "max-age=0" in cache_control and "s-maxage=60" in cache_control


@pytest.mark.parametrize(
    "path",
    [
        "/nl/questionnaire/",
        "/nl/search/?q=verblijfskaart",
        "/admin/login/",
        "/nl/referral/side-by-side/ar/residence-card/",
    ],
)
def test_answers_searches_and_the_admin_are_never_kept(path):
    first, second, _ = get_twice(path)
    assert first.status_code == 200 and "X-Cache" not in first and "X-Cache" not in second


def test_an_editor_or_any_request_with_a_cookie_gets_the_page_fresh():
    Client().get(f"/nl/{CHAPTER}/")  # now kept
    response = Client(HTTP_COOKIE="sessionid=x").get(f"/nl/{CHAPTER}/")
    assert response.status_code == 200 and "X-Cache" not in response


def test_a_query_string_on_a_page_that_ignores_it_is_not_kept():
    _, second, queries = get_twice(f"/nl/{CHAPTER}/?utm_source=x")
    assert "X-Cache" not in second and queries > 0
    # A directory list's filters are its content: each is kept apart.
    all_lists = Client().get("/nl/help/")
    shelters = Client().get("/nl/help/?category=shelter")
    assert shelters["X-Cache"] == "miss" and shelters.content != all_lists.content


def test_errors_and_bad_filters_are_not_kept():
    for path in ("/nl/no-such-chapter/", "/nl/help/?postcode=99999"):
        first, second, _ = get_twice(path)
        assert first.status_code in (400, 404) and "X-Cache" not in second


def test_a_preview_is_never_kept_nor_served_from_the_cache():
    """Wagtail renders a preview through the whole middleware chain, at the page's own address: the draft must not
    be stored for readers, and the published page must not be shown as the preview."""
    page = ChapterPage.objects.get(slug=CHAPTER)
    reader = Client(HTTP_HOST=page._get_dummy_headers()["HTTP_HOST"])  # the preview's own host: the same cache key
    reader.get(f"/en/{CHAPTER}/")  # the published page is kept
    page.title_en = "Draft title only editors see"
    draft = page.save_revision().as_object()
    preview = draft.make_preview_request()
    assert "Draft title only editors see" in preview.content.decode() and "X-Cache" not in preview
    published = reader.get(f"/en/{CHAPTER}/")
    assert published["X-Cache"] == "hit" and "Draft title only editors see" not in published.content.decode()


def test_head_is_answered_from_the_cache_without_a_body():
    Client().get(f"/nl/{CHAPTER}/")
    response = Client().head(f"/nl/{CHAPTER}/")
    assert response.status_code == 200 and response["X-Cache"] == "hit" and response.content == b""
    assert "X-Cache" not in Client().head("/nl/referral/")  # HEAD alone never stores a page


@pytest.mark.parametrize(
    "path", ["/nl/help/?junk=1", "/nl/help/?category=shelter&utm_source=x", "/nl/referral/no-papers/?x=1"]
)
def test_a_query_naming_anything_but_the_filters_is_not_kept(path):
    first, second, _ = get_twice(path)
    assert first.status_code == 200 and "X-Cache" not in first and "X-Cache" not in second


def test_a_page_rendered_while_it_was_purged_is_not_served_afterwards(monkeypatch):
    """The key is read once per request: what was rendered from the old text is stored under the old token."""
    path = f"/nl/{CHAPTER}/"
    render = ChapterPage.get_context

    def purged_midway(self, request, *args, **kwargs):
        store.purge({path})  # an editor publishes while this request is being rendered
        return render(self, request, *args, **kwargs)

    monkeypatch.setattr(ChapterPage, "get_context", purged_midway)
    assert Client().get(path)["X-Cache"] == "miss"
    monkeypatch.undo()
    assert Client().get(path)["X-Cache"] == "miss"
    assert Client().get(path)["X-Cache"] == "hit"


def purged_by(change, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(store, "purge", wraps=store.purge) as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        change()
    assert purge.call_count == 1, "one purge per committed change"
    return purge.call_args.args[0]


def test_publishing_a_chapter_purges_it_the_home_page_and_the_pages_that_cite_it_in_22_languages(
    django_capture_on_commit_callbacks,
):
    stale = Client().get(f"/ti/{CHAPTER}/")
    page = ChapterPage.objects.get(slug=CHAPTER)
    page.title_ti = "ሓድሽ ኣርእስቲ"

    purged = purged_by(lambda: page.save_revision().publish(), django_capture_on_commit_callbacks)

    citing = ReferralPage.objects.filter(chapters__contains=[CHAPTER]).values_list("slug", flat=True)
    assert len(citing) >= 3  # the seed's referral pages that link to this chapter
    expected = everywhere(f"/en/{CHAPTER}/", "/en/", "/en/referral/", *(f"/en/referral/{slug}/" for slug in citing))
    assert purged == expected
    assert len(purged) == 22 * (3 + len(citing))
    fresh = Client().get(f"/ti/{CHAPTER}/")
    assert fresh["X-Cache"] == "miss" and "ሓድሽ ኣርእስቲ" in fresh.content.decode() and fresh.content != stale.content
    assert "ሓድሽ ኣርእስቲ" in Client().get("/ti/").content.decode()


def test_unpublishing_a_chapter_takes_it_off_at_once(django_capture_on_commit_callbacks):
    assert Client().get(f"/nl/{CHAPTER}/").status_code == 200
    page = ChapterPage.objects.get(slug=CHAPTER)
    purged = purged_by(page.unpublish, django_capture_on_commit_callbacks)
    assert f"/so/{CHAPTER}/" in purged and "/so/" in purged
    assert Client().get(f"/nl/{CHAPTER}/").status_code == 404


def test_a_change_rolled_back_purges_nothing_later(django_capture_on_commit_callbacks):
    from django.db import transaction

    service = Service.objects.filter(national_line__isnull=True).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        service.save()  # its purge waits for a commit that never comes
        raise RuntimeError("the editor's save failed")
    page = ReferralPage.objects.get(slug="shelter-tonight")
    purged = purged_by(page.save, django_capture_on_commit_callbacks)
    assert purged == everywhere("/en/referral/shelter-tonight/", "/en/referral/")


def test_publishing_the_home_page_purges_it_in_22_languages(django_capture_on_commit_callbacks):
    home = HomePage.objects.get()
    purged = purged_by(lambda: home.save_revision().publish(), django_capture_on_commit_callbacks)
    assert everywhere("/en/", "/en/referral/") <= purged


def test_changing_a_service_purges_the_lists_with_every_filter_its_page_and_the_referral_pages(
    django_capture_on_commit_callbacks,
):
    service = Service.objects.filter(national_line__isnull=True).first()
    filtered = "/uk/help/?category=shelter&postcode=1000"
    Client().get(filtered)
    Client().get(f"/uk/help/{service.hsds_id}/")
    service.name_uk = "Нова назва служби"

    purged = purged_by(service.save, django_capture_on_commit_callbacks)

    referral_slugs = ReferralPage.objects.values_list("slug", flat=True)
    expected = everywhere("/en/help/", f"/en/help/{service.hsds_id}/", *(f"/en/referral/{s}/" for s in referral_slugs))
    assert purged == expected
    assert Client().get(filtered)["X-Cache"] == "miss"  # the filtered list went with its path
    detail = Client().get(f"/uk/help/{service.hsds_id}/")
    assert detail["X-Cache"] == "miss" and "Нова назва служби" in detail.content.decode()


def test_saving_a_referral_page_purges_it_and_the_index(django_capture_on_commit_callbacks):
    page = ReferralPage.objects.get(slug="shelter-tonight")
    purged = purged_by(page.save, django_capture_on_commit_callbacks)
    assert purged == everywhere("/en/referral/shelter-tonight/", "/en/referral/")


def test_a_chapter_renamed_leaves_no_copy_at_its_old_address(django_capture_on_commit_callbacks):
    Client().get(f"/nl/{CHAPTER}/")
    page = ChapterPage.objects.get(slug=CHAPTER)
    page.slug = "residence-card-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = Client().get(f"/nl/{CHAPTER}/")
    assert response.get("X-Cache") != "hit" and response.status_code in (301, 302, 404)
    assert Client().get("/nl/residence-card-renamed/").status_code == 200


def test_a_referral_page_renamed_leaves_no_copy_at_its_old_address(django_capture_on_commit_callbacks):
    Client().get("/nl/referral/shelter-tonight/")
    page = ReferralPage.objects.get(slug="shelter-tonight")
    page.slug = "a-place-tonight"
    purged = purged_by(page.save, django_capture_on_commit_callbacks)
    assert everywhere("/en/referral/shelter-tonight/", "/en/referral/a-place-tonight/") <= purged
    assert Client().get("/nl/referral/shelter-tonight/").status_code == 404


def test_a_page_made_private_leaves_the_cache_at_once(django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    Client().get(f"/nl/{CHAPTER}/")
    page = ChapterPage.objects.get(slug=CHAPTER)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="editors-only")  # noqa: S106
    response = Client().get(f"/nl/{CHAPTER}/")
    assert response.get("X-Cache") != "hit" and "editors-only" not in response.content.decode()
    assert "password" in response.content.decode().lower()


def test_load_content_forgets_every_page(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    Client().get("/nl/")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_content", verbosity=0)
    assert Client().get("/nl/")["X-Cache"] == "miss"


def test_a_new_quick_exit_address_reaches_every_cached_page(django_capture_on_commit_callbacks):
    from portal.safety.models import QuickExitSetting

    for path in ("/nl/", f"/ar/{CHAPTER}/", "/ti/help/"):
        Client().get(path)
    setting = QuickExitSetting.load()
    setting.url = "https://www.example-weather.be/"
    with django_capture_on_commit_callbacks(execute=True):
        setting.save()
    for path in ("/nl/", f"/ar/{CHAPTER}/", "/ti/help/"):
        response = Client().get(path)
        assert response["X-Cache"] == "miss" and "https://www.example-weather.be/" in response.content.decode()


class _PurgeRecorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_PURGE(self):  # noqa: N802  (the HTTP method's name)
        self.seen.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_front_end_cache_is_told_through_wagtails_backend(django_capture_on_commit_callbacks):
    server = http.server.HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _PurgeRecorder.seen = []
    backend = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        with override_settings(WAGTAILFRONTENDCACHE=backend, WAGTAILADMIN_BASE_URL="https://portal.example"):
            page = ReferralPage.objects.get(slug="no-papers")
            purged = purged_by(page.save, django_capture_on_commit_callbacks)
    finally:
        server.shutdown()
        server.server_close()
    assert {path for _, path in _PurgeRecorder.seen} == purged
    assert {host for host, _ in _PurgeRecorder.seen} == {"portal.example"}


REDIS_DOWN = {
    "default": {
        "BACKEND": "portal.pagecache.redis_cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
    }
}


@override_settings(CACHES=REDIS_DOWN)
@pytest.mark.parametrize(
    "path",
    [
        "/nl/",
        f"/ti/{CHAPTER}/",
        "/ar/help/?postcode=1000",
        "/fr/referral/no-papers/",
        "/nl/questionnaire/",
        "/nl/search/?q=verblijfskaart",
        "/en/hsds/services",
    ],
)
def test_with_redis_down_every_page_is_served_uncached_without_an_error(path):
    path = path.replace("/en/hsds/", "/hsds/")
    for _ in range(2):
        response = Client(raise_request_exception=True).get(path)
        assert response.status_code == 200
        assert response.get("X-Cache") in (None, "miss")


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_a_publish_still_succeeds(django_capture_on_commit_callbacks):
    page = ChapterPage.objects.get(slug=CHAPTER)
    page.title_nl = "Nieuwe titel"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Nieuwe titel" in Client().get(f"/nl/{CHAPTER}/").content.decode()


class _SilentServer:
    """Accepts connections and never answers: a Redis that hangs."""

    def __init__(self):
        import socket

        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self):
        for accepted in self.connections:
            accepted.close()
        self.socket.close()


def test_a_hanging_redis_costs_one_time_out_not_one_per_call():
    import time

    from portal.pagecache.redis_cache import breaker

    server = _SilentServer()
    hanging = {"default": {**REDIS_DOWN["default"], "LOCATION": f"redis://127.0.0.1:{server.port}/0"}}
    try:
        with override_settings(CACHES=hanging):
            start = time.monotonic()
            for path in ("/nl/", f"/nl/{CHAPTER}/", "/nl/help/", "/nl/questionnaire/", f"/ar/{CHAPTER}/"):
                assert Client().get(path).status_code == 200
            elapsed = time.monotonic() - start
    finally:
        breaker.open_until = 0.0
        server.close()
    # Five pages make dozens of cache calls: only the first waits for the 0.25 s time-out.
    assert elapsed < 3.0, elapsed
