"""Editors keep the directory current in the Wagtail admin: every language in the form, saving marks the record
changed, and the services not checked for 12 months (or unconfirmed) are listed for them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.directory.models import Service
from tests.helpers import edit, errors_of

pytestmark = pytest.mark.usefixtures("seeded")


def test_service_editor_has_every_language_and_the_facts_once(editor):
    service = Service.objects.get(name_en="Tele-Onthaal 106")
    html = editor.get(reverse(Service.snippet_viewset.get_url_name("edit"), args=[service.pk])).content.decode()
    for code in ("en", "nl", "ar", "ti", "zh_hans"):
        assert f'name="description_{code}"' in html
    assert 'name="phones-0-number"' in html and 'name="phones-0-number_nl"' not in html
    assert 'name="schedules-TOTAL_FORMS"' in html and 'name="verified"' in html


def test_an_editor_edit_is_saved_shown_to_readers_and_marks_the_record_changed(editor, client):
    service = Service.objects.get(name_en="Tele-Onthaal 106")
    before = service.last_modified
    response = edit(editor, service, lambda data: data.update({"description_nl": "Iemand luistert naar je."}))
    assert response.status_code == 302, errors_of(response)[:3000]
    service.refresh_from_db()
    assert service.description_nl == "Iemand luistert naar je." and service.last_modified > before
    html = client.get(f"/nl/help/{service.hsds_id}/").content.decode()
    assert "Iemand luistert naar je." in html


def test_an_invalid_phone_number_is_refused_in_the_form(editor):
    service = Service.objects.get(name_en="Tele-Onthaal 106")
    response = edit(editor, service, lambda data: data.update({"phones-0-number": "call us"}))
    assert response.status_code == 200  # the form again, with the error
    assert Service.objects.get(pk=service.pk).phones.get().number == "106"


def test_services_to_check_lists_old_never_checked_and_unconfirmed_records(editor):
    old = Service.objects.get(name_en="Télé-Accueil 107")
    old.assured_date = timezone.localdate() - datetime.timedelta(days=400)
    old.save()
    fresh = Service.objects.get(name_en="Emergency number 112")
    html = editor.get(reverse("directory_to_check")).content.decode()
    assert "Télé-Accueil 107" in html  # checked 400 days ago
    assert "Tele-Onthaal 106" in html  # never checked, unconfirmed
    assert f">{fresh.name_en}<" not in html
    expected = Service.objects.filter(verified=False).count() + 1
    assert f"{expected} service(s) not checked" in html


def test_readers_cannot_open_the_editors_pages(client):
    assert client.get(reverse("directory_to_check")).status_code in (302, 403)
