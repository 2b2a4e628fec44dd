"""The help-service directory as readers use it: national lines first, filters, postcode, open now, bad input."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import languages
from portal.directory import areas, queries
from portal.directory.hours import BRUSSELS
from portal.directory.models import Organization, Schedule, Service
from tests.helpers import script_share, text_in_page_language

NATIONAL = [
    "Emergency number 112",
    "Police 101",
    "1712 helpline for violence",
    "Écoute Violences Conjugales 0800 30 030",
]


def names(response) -> list[str]:
    return re.findall(r'<h3 id="service-[^"]+"[^>]*>(?:<a [^>]+>)?([^<]+)<', response.content.decode())


def result_names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h3 id="service-[^"]+"[^>]*>(?:<a [^>]+>)?([^<]+)<', html.split('id="results-heading"')[1])


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def test_national_lines_come_first_on_every_list(client, seeded):
    for query in ("", "?category=work-income", "?postcode=4000&language=ar&open_now=on", "?postcode=abc"):
        response = client.get(f"/en/help/{query}")
        assert response.status_code in (200, 400)
        assert names(response)[:5] == NATIONAL + ["Sexual violence care centres (CPVS / ZSG)"], query


def test_postcode_maps_to_province_and_region():
    assert areas.for_postcode("9000").code == "BE-VOV"
    assert areas.for_postcode("1050").code == "BE-BRU"
    assert areas.for_postcode("1348").code == "BE-WBR"
    assert areas.for_postcode("3000").code == "BE-VBR"
    assert areas.for_postcode("6700").code == "BE-WLX"
    for bad in ("0999", "12345", "12a4", "", "٩٠٠٠", "9 00"):
        assert areas.for_postcode(bad) is None, bad
    assert set(areas.matching("BE-VOV")) == {"BE", "BE-VLG", "BE-VOV"}
    assert {"BE", "BE-VLG", "BE-VOV", "BE-VAN"} <= set(areas.matching("BE-VLG"))


def test_postcode_filter_shows_that_province_and_wider_services_only(client, seeded):
    shown = result_names(client.get("/en/help/?postcode=9000&category=health"))
    assert "Sexual violence care centre Gent" in shown
    assert "Sexual violence care centre Liège" not in shown
    assert "Doctor at night and at the weekend: 1733" in shown  # all of Belgium
    page = client.get("/en/help/?postcode=9000").content.decode()
    assert "Postcode 9000: East Flanders." in page


def test_region_filter_includes_its_provinces(client, seeded):
    shown = result_names(client.get("/en/help/?area=BE-WAL&category=health"))
    assert {"Sexual violence care centre Liège", "Sexual violence care centre Arlon"} <= set(shown)
    assert "Sexual violence care centre Gent" not in shown


def test_category_language_and_attribute_filters(client, seeded):
    shelters = result_names(client.get("/en/help/?category=shelter"))
    assert "Shelter (vluchthuis) through the CAW" in shelters
    assert all("Police" not in name for name in shelters)
    french = result_names(client.get("/en/help/?language=fr&category=psychological"))
    assert french == ["Télé-Accueil 107"]
    anonymous = Service.objects.filter(attributes__contains=["free", "anonymous"], national_line__isnull=True).count()
    response = client.get("/en/help/?attributes=free&attributes=anonymous")
    assert len(result_names(response)) == anonymous > 0


def test_open_now_follows_brussels_time_and_overnight_hours(seeded):
    line_1712 = Service.objects.get(name_en="1712 helpline for violence")
    assert line_1712.schedules.filter(opens_at__isnull=False).count() == 1  # Monday–Friday 09:00–17:00

    def is_open(service, moment):
        return queries.annotated(Service.objects.filter(pk=service.pk), moment).get().is_open

    assert is_open(line_1712, at(2026, 11, 23, 9, 0))  # Monday
    assert not is_open(line_1712, at(2026, 11, 23, 17, 0))
    assert not is_open(line_1712, at(2026, 11, 22, 12, 0))  # Sunday
    # Summer time: 07:30 UTC is 09:30 in Brussels.
    assert is_open(line_1712, datetime.datetime(2026, 7, 6, 7, 30, tzinfo=datetime.UTC))
    assert not is_open(line_1712, datetime.datetime(2026, 7, 6, 6, 30, tzinfo=datetime.UTC))

    night = Service.objects.create(
        organization=Organization.objects.first(),
        name="Night line",
        description="x",
        categories=["helpline"],
        areas=["BE"],
        source="test",
    )
    Schedule.objects.create(service=night, days=[4], opens_at=datetime.time(22), closes_at=datetime.time(6))  # Fri
    assert is_open(night, at(2026, 11, 27, 23, 0))  # Friday night
    assert is_open(night, at(2026, 11, 28, 5, 59))  # Saturday early morning, from Friday's hours
    assert not is_open(night, at(2026, 11, 28, 6, 0))
    assert not is_open(night, at(2026, 11, 27, 21, 59))
    Schedule.objects.create(
        service=night,
        days=[0],
        opens_at=datetime.time(9),
        closes_at=datetime.time(12),
        valid_to=datetime.date(2026, 1, 1),
    )
    assert not is_open(night, at(2026, 11, 23, 10, 0))  # that schedule has expired


def test_open_now_and_24_7_filters(client, seeded):
    always = result_names(client.get("/en/help/?always_open=on&category=psychological"))
    assert "Tele-Onthaal 106" in always
    always_all = {service.name_en for service in queries.search(always_open=True)}
    assert (
        "Sexual violence care centre Gent" in always_all
        and "Integration course in Brussels (Dutch-speaking)" not in always_all
    )
    open_now = queries.search(open_now=True, moment=at(2026, 11, 22, 3, 0))  # Sunday night
    assert {service.name_en for service in open_now} >= {"Tele-Onthaal 106", "Sexual violence care centre Gent"}
    assert all(service.is_open for service in open_now)


def test_list_runs_the_same_queries_for_1_and_200_results(client, seeded, monkeypatch):
    from portal.directory import views

    # The national lines are built once a minute (their open/closed label): keep that out of the comparison.
    national = views.national_cards()
    monkeypatch.setattr(views, "national_cards", lambda: national)
    client.get("/en/help/")  # per-process caches of the site (quick-exit address) filled first
    organization = Organization.objects.first()
    services = Service.objects.bulk_create(
        Service(
            organization=organization,
            name=f"Generated {n}",
            name_en=f"Generated {n}",
            description="d",
            categories=["children"],
            areas=["BE-WLX"],
            source="test",
            hsds_id=uuid.uuid4(),
        )
        for n in range(200)
    )
    Schedule.objects.bulk_create(
        Schedule(service=service, days=[0, 1, 2], opens_at=datetime.time(9), closes_at=datetime.time(17))
        for service in services
    )

    def count(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/en/help/{query}")
        return response, len(captured.captured_queries)

    one, one_count = count("?category=children&area=BE-WLX&language=fr&attributes=anonymous")
    assert len(result_names(one)) == 1
    many, many_count = count("?category=children&area=BE-WLX")
    assert "202 services found" in many.content.decode()  # and Child Focus, Écoute-Enfants
    assert len(result_names(many)) == 10  # one page
    assert one_count == many_count >= 5  # the page with its count, then phones, hours, languages, places
    last = client.get("/en/help/?category=children&area=BE-WLX&page=21")
    assert len(result_names(last)) == 2 and "Page 21 of 21" in last.content.decode()
    beyond = client.get("/en/help/?category=children&area=BE-WLX&page=400")
    assert len(result_names(beyond)) == 2 and "Page 21 of 21" in beyond.content.decode()


def test_service_card_shows_what_a_reader_needs(client, seeded):
    html = client.get("/en/help/?postcode=1000&category=health").content.decode()
    assert 'href="tel:112"' in html and 'href="tel:080030030"' in html
    assert "Languages spoken" in html and "Français" in html
    assert "Last checked on" in html and "Not yet checked by our editors." in html
    assert "Not all details of this service are confirmed yet. Call before you go." in html
    assert re.search(r"Open day and night|Open now|Closed now", html)
    for link in re.findall(r'<a href="https?://[^"]+"[^>]*>', html):
        assert 'rel="noreferrer' in link, link


def test_detail_page_and_unknown_service(client, seeded):
    service = Service.objects.get(name_en="Sexual violence care centre Brussels")
    html = client.get(f"/en/help/{service.hsds_id}/").content.decode()
    assert "Rue Haute 320, 1000 Bruxelles" in html and "Last checked on" in html
    umbrella = Service.objects.get(national_line=5)
    assert "Victims of sexual violence of any age." in client.get(f"/en/help/{umbrella.hsds_id}/").content.decode()
    assert client.get(f"/en/help/{uuid.uuid4()}/").status_code == 404
    assert client.get("/en/help/not-a-uuid/").status_code == 404


def test_directory_sets_no_cookie_and_loads_nothing_from_elsewhere(client, seeded):
    response = client.get("/ar/help/?postcode=1000")
    assert response.cookies == {} and "Set-Cookie" not in response
    html = response.content.decode()
    assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html)


@pytest.mark.parametrize("code", languages.CODES)
def test_directory_page_is_in_the_readers_language(client, seeded, code):
    response = client.get(f"/{code}/help/?category=health")
    assert response.status_code == 200
    language = languages.get(code)
    text = text_in_page_language(response.content.decode(), code)
    assert script_share(text, language.script) > (0.6 if language.script != "Latn" else 0.9)
    if code != "en":
        for english in (
            "Who can help",
            "Find help near you",
            "Languages spoken",
            "Opening hours",
            "Open day and night",
        ):
            assert f">{english}<" not in response.content.decode(), (code, english)


def test_directory_text_shows_the_translation_or_an_announced_fallback(client, seeded):
    html = client.get("/ti/help/?category=health").content.decode()
    assert "ሓገዝ" in html
    service = Service.objects.get(name_en="Doctor at night and at the weekend: 1733")
    service.description_ti = ""
    service.save()
    html = client.get(f"/ti/help/{service.hsds_id}/").content.decode()
    assert 'lang="en" dir="ltr">Call 1733' in html


@pytest.mark.parametrize(
    "query",
    [
        "?postcode=" + "9" * 5000,
        "?postcode=%00%01",
        "?postcode=0000",
        "?area=BE-XXX",
        "?category=../../etc",
        "?language=klingon",
        "?attributes=free&attributes=teleport",
        "?page=-1",
        "?page=99999999999999999999",
        "?open_now=maybe",
    ],
)
def test_bad_filters_get_a_clear_message_not_an_error(client, seeded, query):
    response = client.get(f"/en/help/{query}")
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Emergency number 112" in html
    if response.status_code == 400:
        assert "could not be used" in html
        assert "9999999" not in html.split('id="filter-heading"')[1].split("</form>")[1]


def test_invalid_postcode_keeps_the_other_choices(client, seeded):
    response = client.get("/en/help/?postcode=12&category=shelter")
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a Belgian postcode" in html
    assert "Shelter (vluchthuis) through the CAW" in html
    assert '<option value="shelter" selected>' in html


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["postcode", "area", "category", "language", "attributes", "open_now", "always_open", "page", "x"]
        ),
        st.text(max_size=300),
        max_size=6,
    )
)
def test_any_filter_values_never_give_a_server_error(client, seeded, params):
    response = client.get("/nl/help/", params)
    assert response.status_code in (200, 400)
    assert "Alarmnummer 112" in response.content.decode() or "112" in response.content.decode()


def test_questionnaire_outcomes_link_to_the_matching_directory_list(client, seeded):
    from portal.questionnaire.models import Outcome

    outcome = Outcome.objects.exclude(service_categories=[]).first()
    for key in outcome.service_categories:
        assert queries.count_for([key]) > 0, key
