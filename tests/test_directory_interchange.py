"""HSDS 3.0 in and out: the seed goes through the import readers' files go through; exports validate against the
compiled HSDS schema; a bad file writes nothing and names every problem; the API answers in HSDS shapes."""

import copy
import io
import json
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.directory import interchange, schema
from portal.directory.models import Location, Organization, Phone, Schedule, Service, ServiceLanguage

SEED = django_settings.BASE_DIR / "content" / "seed" / "directory" / "services.json"


def seed_records():
    return json.loads(SEED.read_text(encoding="utf-8"))


def counts():
    return [model.objects.count() for model in (Service, Organization, Location, Phone, Schedule, ServiceLanguage)]


def refused(records) -> list[str]:
    before = counts()
    with pytest.raises(interchange.ImportRefused) as caught:
        interchange.import_records(records)
    assert counts() == before, "a refused import wrote something"
    return caught.value.problems


def test_seed_is_loaded_through_the_import_and_every_record_is_sourced(seeded):
    records = seed_records()
    assert Service.objects.count() == len(records) >= 40
    assert all(service.source for service in Service.objects.all())
    unverified = Service.objects.filter(verified=False)
    assert unverified.exists() and all(service.assured_date is None for service in unverified)
    names = set(Service.objects.values_list("name_en", flat=True))
    for needed in (
        "Emergency number 112",
        "Police 101",
        "1712 helpline for violence",
        "Écoute Violences Conjugales 0800 30 030",
        "Sexual violence care centres (CPVS / ZSG)",
        "Immigration Office (DVZ / OE)",
        "Free first legal advice",
        "OCMW / CPAS: social help from your municipality",
        "Ciré: rights of foreigners",
        "Ella: knowledge centre on gender and ethnicity",
        "FMDO",
        "Institute for the Equality of Women and Men",
        "Shelter (vluchthuis) through the CAW",
    ):
        assert needed in names, needed


def test_every_seed_service_is_translated_into_22_languages(seeded):
    from portal import languages

    for service in Service.objects.all():
        for code in languages.CODES:
            assert getattr(service, f"name_{code.replace('-', '_')}"), (service.name_en, code)
            assert getattr(service, f"description_{code.replace('-', '_')}"), (service.name_en, code)
            if code != "en":
                assert getattr(service, f"translation_state_{code.replace('-', '_')}") == "unreviewed"


def test_import_hsds_command_loads_the_seed_file_and_a_second_run_changes_nothing(seeded):
    out = io.StringIO()
    with CaptureQueriesContext(connection) as captured:
        call_command("import_hsds", str(SEED), stdout=out)
    assert f"0 services created, 0 updated, {len(seed_records())} unchanged" in out.getvalue()
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_export_validates_against_hsds_and_round_trips(seeded, tmp_path):
    target = tmp_path / "export.json"
    call_command("export_hsds", str(target), stdout=io.StringIO())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == Service.objects.count()
    for record in exported:
        assert schema.errors("service", record) == [], record["id"]
    # Into an empty directory and out again: the same document.
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    report = interchange.import_records(exported)
    assert report.created == len(exported)
    again, problems = interchange.export_records()
    assert problems == []
    assert again == exported


def test_an_edited_record_is_updated_and_its_children_replaced(seeded):
    records = seed_records()
    record = next(item for item in records if item["name"] == "Tele-Onthaal 106")
    record["phones"][0]["number"] = "106 106"
    record["translations"]["nl"]["description"] = "Nieuwe tekst."
    report = interchange.import_records([record])
    assert (report.created, report.updated) == (0, 1)
    service = Service.objects.get(hsds_id=record["id"])
    assert list(service.phones.values_list("number", flat=True)) == ["106 106"]
    assert service.description_nl == "Nieuwe tekst."


def test_malformed_json_and_wrong_shapes_are_refused():
    for raw, expected in (
        (b"{not json", "not valid JSON"),
        (b'"text"', "expected a JSON list"),
        (b"\xff\xfe", "not valid"),
    ):
        with pytest.raises(interchange.ImportRefused) as caught:
            interchange.parse_file(raw)
        assert expected in caught.value.problems[0]


def as_new(record) -> dict:
    """A copy of `record` under new ids: another service."""
    new = copy.deepcopy(record)
    new["id"] = str(uuid.uuid4())
    for child in ("phones", "schedules", "languages", "service_areas", "attributes"):
        for item in new[child]:
            item["id"] = str(uuid.uuid4())
    return new


def test_every_problem_is_listed_with_record_and_field_and_nothing_is_written(seeded):
    records = seed_records()
    good_new = as_new(records[0])
    wrong_type = copy.deepcopy(records[1]) | {"name": 5}
    unknown_category = copy.deepcopy(records[2])
    unknown_category["attributes"][0]["taxonomy_term"]["code"] = "teleportation"
    bad_area = copy.deepcopy(records[3])
    bad_area["service_areas"] = [{"id": str(uuid.uuid4()), "name": "Atlantis"}]
    bad_time = copy.deepcopy(records[0])
    bad_time["schedules"][0]["opens_at"] = "25:99"
    duplicate = copy.deepcopy(records[5])
    problems = refused([good_new, wrong_type, unknown_category, bad_area, bad_time, duplicate, records[5]])
    text = "\n".join(problems)
    assert f"service {records[1]['id']}: name: 5 is not of type 'string'" in text
    assert f"service {records[2]['id']}.attributes.0: unknown category 'teleportation'" in text
    assert f"service {records[3]['id']}.service_areas: 'Atlantis' is not an area code" in text
    assert "schedules.0.opens_at: '25:99' is not a time" in text
    assert f"id {records[5]['id']} appears more than once" in text
    assert not Service.objects.filter(hsds_id=good_new["id"]).exists()


def test_a_model_rule_is_checked_before_anything_is_written(seeded):
    records = seed_records()
    changed = copy.deepcopy(records[1])
    changed["name"] = "Renamed"
    broken = copy.deepcopy(records[2])
    broken["phones"][0]["number"] = "call us!"  # valid HSDS text, not a phone number
    problems = refused([as_new(records[0]), changed, broken])
    assert any(f"service {records[2]['id']}.phones.0.number" in problem for problem in problems), problems
    assert not Service.objects.filter(name_en="Renamed").exists()


def test_a_failure_while_writing_rolls_back_the_records_written_before_it(seeded, monkeypatch):
    from django.core.exceptions import ValidationError

    records = seed_records()
    new, changed = as_new(records[0]), copy.deepcopy(records[1]) | {"name": "Renamed"}
    real_write = interchange._write_service

    def failing_write(values, report, keep_newer):
        if values["hsds_id"] == records[2]["id"]:
            raise ValidationError({"name": ["refused by the database"]})
        return real_write(values, report, keep_newer)

    monkeypatch.setattr(interchange, "_write_service", failing_write)
    problems = refused([new, changed, copy.deepcopy(records[2]) | {"name": "Also renamed"}])
    assert problems == [f"service {records[2]['id']}: name: refused by the database"]
    assert not Service.objects.filter(hsds_id=new["id"]).exists()
    assert not Service.objects.filter(name_en="Renamed").exists()


def test_hostile_values_are_listed_not_crashed_on(seeded):
    base = seed_records()[0]

    def variant(change):
        record = copy.deepcopy(base)
        change(record)
        return record

    cases = {
        "NUL character": variant(lambda r: r.update({"name": "Emergency\x00"})),
        "needs a valid date, time": variant(lambda r: r.update({"last_modified": "2024-01-01T25:00:00Z"})),
        "national-line needs a position": variant(
            lambda r: next(a for a in r["attributes"] if a["taxonomy_term"]["code"] == "national-line").update(
                {"value": "²"}
            )
        ),
        "not a date": variant(lambda r: r.update({"assured_date": "2024-01-01xyz"})),
        "differs from organization.id": variant(lambda r: r.update({"organization_id": str(uuid.uuid4())})),
        "valid_to is before valid_from": variant(
            lambda r: r["schedules"][0].update({"valid_from": "2026-02-01", "valid_to": "2026-01-01"})
        ),
        "Ensure this value has at most 200 characters": variant(lambda r: r.update({"name": "x" * 300})),
    }
    for expected, record in cases.items():
        assert any(expected in problem for problem in refused([record])), expected
    brussels = copy.deepcopy(next(r for r in seed_records() if r["service_at_locations"]))
    brussels["service_at_locations"][0]["location"]["latitude"] = 50.8
    assert any("latitude and longitude go together" in problem for problem in refused([brussels]))
    for raw in (b"[" * 100_000 + b"]" * 100_000, b'[{"latitude": NaN}]'):
        with pytest.raises(interchange.ImportRefused):
            interchange.parse_file(raw)


def test_a_change_to_an_organisation_alone_counts_and_load_content_keeps_editors_changes(seeded):
    records = seed_records()
    record = next(item for item in records if item["name"] == "Tele-Onthaal 106")
    record["organization"]["website"] = "https://example.org/tele-onthaal"
    report = interchange.import_records([record])
    assert report.updated == 1
    organization = Organization.objects.get(hsds_id=record["organization"]["id"])
    assert organization.website == "https://example.org/tele-onthaal"
    call_command("load_content", verbosity=0, stdout=io.StringIO())  # the seed file, keep_newer
    organization.refresh_from_db()
    assert organization.website == "https://example.org/tele-onthaal"


def test_import_command_lists_problems_and_fails(seeded, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "not-a-uuid", "name": "x", "status": "open"}]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_hsds", str(path), stderr=err)
    assert "service not-a-uuid: id: 'not-a-uuid' is not a 'uuid'" in err.getvalue()
    assert "status" in err.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "missing.json"))


def test_load_content_keeps_a_service_an_editor_changed(seeded):
    service = Service.objects.get(name_en="Tele-Onthaal 106")
    service.description_en = "Edited by an editor."
    service.save()
    call_command("load_content", verbosity=0, stdout=io.StringIO())
    service.refresh_from_db()
    assert service.description_en == "Edited by an editor."


# --- the /hsds/ API ---------------------------------------------------------------------------------------------

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def test_api_root_and_paged_services_follow_the_hsds_openapi(client, seeded):
    root = client.get("/hsds/").json()
    assert root["version"] == "3.0" and root["openapi_url"].endswith("openapi.json")
    openapi = schema.document("openapi")
    page_schema = openapi["components"]["schemas"]["Page"]["properties"]
    answer = client.get("/hsds/services?per_page=10&page=2&full=true").json()
    assert set(answer) == PAGE_KEYS and set(page_schema) <= set(answer)
    assert answer["page_number"] == 2 and answer["size"] == 10 and not answer["first_page"]
    assert answer["total_items"] == Service.objects.filter(status="active").count()
    for record in answer["contents"]:
        assert schema.errors("service", record) == []
    brief = client.get("/hsds/services?per_page=5").json()["contents"][0]
    assert "phones" not in brief and {"id", "name", "status"} <= set(brief)
    empty = client.get("/hsds/services?page=999").json()
    assert empty["empty"] and empty["contents"] == [] and empty["last_page"]


def test_api_single_service_in_a_language(client, seeded):
    service = Service.objects.get(name_en="Emergency number 112")
    arabic = client.get(f"/hsds/services/{service.hsds_id}?lang=ar").json()
    assert arabic["name"] == service.name_ar and "112" in arabic["name"]
    assert schema.errors("service", arabic) == []
    assert client.get(f"/hsds/services/{uuid.uuid4()}").status_code == 404


def test_api_organizations_and_service_at_locations_by_postcode(client, seeded):
    organizations = client.get("/hsds/organizations?per_page=100").json()
    assert organizations["total_items"] == Organization.objects.count()
    for record in organizations["contents"]:
        assert schema.errors("organization", record) == []
    brussels = client.get("/hsds/service_at_locations?postcode=1000&full=true").json()
    names = {item["service"]["name"] for item in brussels["contents"]}
    assert {"Sexual violence care centre Brussels", "Immigration Office (DVZ / OE)"} <= names
    for record in brussels["contents"]:
        assert schema.errors("service_at_location", record) == []
    liege = client.get("/hsds/service_at_locations?postcode=4000&full=true").json()
    assert "Sexual violence care centre Brussels" not in {item["service"]["name"] for item in liege["contents"]}


def test_api_filters_by_taxonomy_term_and_organization(client, seeded):
    terms = client.get("/hsds/taxonomy_terms").json()["contents"]
    shelter = next(term for term in terms if term["code"] == "shelter")
    answer = client.get(f"/hsds/services?taxonomy_term_id={shelter['id']}&per_page=200").json()
    assert answer["total_items"] == Service.objects.filter(categories__contains=["shelter"]).count() > 0
    organization = Organization.objects.get(name="CAW (Centrum Algemeen Welzijnswerk)")
    mine = client.get(f"/hsds/services?organization_id={organization.hsds_id}").json()
    assert mine["total_items"] == organization.services.count() == 2


@pytest.mark.parametrize(
    "query",
    [
        "services?page=x",
        "services?per_page=0",
        "services?per_page=100000",
        "services?lang=xx",
        "services?taxonomy_term_id=nope",
        "services?modified_after=yesterday",
        "services?full=perhaps",
        "service_at_locations?postcode=99999",
        "service_at_locations?postcode=abcd",
        "organizations?page=-1",
        f"services?taxonomy_term_id={uuid.uuid4()}",
        "services?modified_after=2024-01-01T25:00:00",
        "services?modified_after=2024-01-01T10:00%2B99:00",
        "services?search=%00",
        "services?page=" + "9" * 5000,
    ],
)
def test_api_bad_parameters_get_400_with_a_message(client, seeded, query):
    response = client.get(f"/hsds/{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_api_is_read_only_and_sets_no_cookie(client, seeded):
    assert client.post("/hsds/services").status_code == 405
    response = client.get("/hsds/services")
    assert response.cookies == {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["services", "organizations", "service_at_locations", "taxonomy_terms"]),
    st.dictionaries(
        st.sampled_from(
            [
                "page",
                "per_page",
                "lang",
                "search",
                "full",
                "minimal",
                "postcode",
                "modified_after",
                "taxonomy_term_id",
                "organization_id",
            ]
        ),
        st.text(max_size=200),
        max_size=5,
    ),
)
def test_any_api_parameters_give_json_never_a_server_error(client, seeded, endpoint, params):
    response = client.get(f"/hsds/{endpoint}", params)
    assert response.status_code in (200, 400)
    assert response.json()
