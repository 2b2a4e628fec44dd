"""Hostile input on every public URL and form: 4xx with a readable page, never a server error.

Hypothesis generates 10,000 inputs in one run (3,000 paths, 2,500 query strings, 2,500 form bodies, 2,000 header
sets); the test client raises on any server error, and each test also checks the status and the page."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import languages

pytestmark = pytest.mark.usefixtures("seeded")
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
PREFIXES = ["", *(f"{code}/" for code in languages.CODES)]
PAGES = ["", "search/", "questionnaire/", "referral/", "residence-card/", "referral/card/ar/danger/", "go/1/", "help/"]
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50).map(lambda t: t * 10),
    st.binary(max_size=200).map(lambda b: "".join(f"%{byte:02x}" for byte in b)),  # invalid UTF-8, percent-encoded
    st.sampled_from(
        [
            "../../etc/passwd",
            "%00",
            "\r\nSet-Cookie: a=b",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%ff%fe%fd",
            "\u202e",
            "𝕏" * 500,
            "a" * 20_000,
        ]
    ),
)


def readable(response):
    assert response.status_code < 500
    if response.status_code >= 400 and response.status_code != 405:
        body = response.content.decode("utf-8", "replace")
        assert "<h1" in body, (response.status_code, body[:200])
    assert "Set-Cookie" not in response.headers


@settings(max_examples=3000, deadline=None, database=None, suppress_health_check=FIXTURES)
@given(prefix=st.sampled_from(PREFIXES), page=st.sampled_from(PAGES), tail=nasty_text)
def test_paths(client, prefix, page, tail):
    path = "/" + prefix + page + (tail if tail.startswith("%") else quote(tail, safe="/%"))
    readable(client.get(path[:30_000]))


@settings(max_examples=2500, deadline=None, database=None, suppress_health_check=FIXTURES)
@given(
    code=st.sampled_from(languages.CODES),
    page=st.sampled_from(["search/", "questionnaire/", "referral/", "help/"]),
    params=st.dictionaries(
        st.sampled_from(["q", "page", "lang", "next", "v", "postcode", "category", "attributes", "x" * 300]),
        nasty_text,
        max_size=4,
    ),
)
def test_query_strings(client, code, page, params):
    query = "&".join(
        f"{quote(name)}={value if value.startswith('%') else quote(value)}" for name, value in params.items()
    )
    readable(client.get(f"/{code}/{page}?{query}"))


@settings(max_examples=2500, deadline=None, database=None, suppress_health_check=FIXTURES)
@given(
    code=st.sampled_from(languages.CODES),
    body=st.one_of(
        st.binary(max_size=2000),
        st.lists(st.tuples(st.sampled_from(["answer", "v", "step", "change", "q"]), nasty_text), max_size=30).map(
            lambda pairs: "&".join(f"{n}={v if v.startswith('%') else quote(v)}" for n, v in pairs).encode()
        ),
    ),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "text/plain",
            "application/json",
            "application/x-www-form-urlencoded; charset=latin-1",
            "",
        ]
    ),
    page=st.sampled_from(["questionnaire/", "search/"]),  # the public views that read what is sent
)
def test_form_bodies(client, code, body, content_type, page):
    readable(client.generic("POST", f"/{code}/{page}", body, content_type=content_type))


@settings(max_examples=2000, deadline=None, database=None, suppress_health_check=FIXTURES)
@given(
    headers=st.dictionaries(
        st.sampled_from(
            [
                "HTTP_ACCEPT_LANGUAGE",
                "HTTP_COOKIE",
                "HTTP_X_FORWARDED_FOR",
                "HTTP_REFERER",
                "HTTP_USER_AGENT",
                "HTTP_ACCEPT",
                "HTTP_HOST",
                "HTTP_RANGE",
                "HTTP_IF_NONE_MATCH",
            ]
        ),
        # A WSGI server hands headers over as Latin-1 text (PEP 3333): UTF-8 bytes arrive like this.
        nasty_text.map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
        max_size=5,
    ),
    url=st.sampled_from(["/", "/nl/", "/ar/residence-card/", "/ti/search/?q=x", "/fa/questionnaire/", "/exit/"]),
)
def test_headers(client, headers, url):
    readable(client.get(url, **headers))


def test_a_huge_body_and_too_many_fields_are_refused_readably(client):
    huge = client.generic(
        "POST", "/en/questionnaire/", b"answer=" + b"a" * 5_000_000, content_type="application/x-www-form-urlencoded"
    )
    assert huge.status_code == 400 and "<h1" in huge.content.decode()
    many = client.generic(
        "POST",
        "/ar/questionnaire/",
        "&".join(["answer=danger%3Dno"] * 20_000).encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert many.status_code == 400 and '<html lang="ar" dir="rtl">' in many.content.decode()


def test_a_wrong_host_gets_a_readable_400(client):
    response = client.get("/nl/", HTTP_HOST="evil.example\r\nX-Injected: 1")
    assert response.status_code == 400
    assert '<html lang="nl"' in response.content.decode()
