"""The language table is the one source: settings, Django's locale data and PostgreSQL follow it."""

import pytest
from django.conf import settings
from django.db import connection
from django.utils.translation import get_language_info

from portal import languages

EXPECTED = [
    "nl",
    "fr",
    "de",
    "en",
    "ar",
    "tr",
    "es",
    "pt",
    "ru",
    "uk",
    "pl",
    "ro",
    "bg",
    "sq",
    "fa",
    "ps",
    "ku",
    "ti",
    "so",
    "zh-hans",
    "hi",
    "th",
]


def test_the_22_languages_in_order():
    assert list(languages.CODES) == EXPECTED


def test_settings_derive_from_the_table():
    assert [code for code, _ in settings.LANGUAGES] == EXPECTED
    assert dict(settings.LANGUAGES)["ti"] == "ትግርኛ"
    assert tuple(EXPECTED) == settings.MODELTRANSLATION_LANGUAGES
    for code in ("ar", "fa", "ps"):
        assert code in settings.LANGUAGES_BIDI
        assert get_language_info(code)["bidi"] is True
    for code in ("ps", "ti", "so", "ku"):
        info = get_language_info(code)
        assert info["name_local"] == languages.get(code).native_name


@pytest.mark.parametrize("language", languages.LANGUAGES, ids=lambda language: language.code)
def test_fallback_chains_are_known_and_end_in_en_or_fr(language):
    chain = languages.chain(language.code)
    assert chain[0] == language.code
    assert all(code in languages.BY_CODE for code in chain)
    assert chain[-1] in ("en", "fr") or "en" in chain or "fr" in chain
    assert len(set(chain)) == len(chain)


def test_directions():
    assert languages.rtl_codes() == ["ar", "fa", "ps"]


@pytest.mark.django_db
def test_every_search_config_exists_in_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    missing = {language.code: language.search_config for language in languages.LANGUAGES}
    missing = {code: config for code, config in missing.items() if config not in available}
    assert not missing


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar-MA,ar;q=0.9,fr;q=0.8", "ar"),
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("en;q=0.2, ti;q=0.9", "ti"),
        ("kmr", "ku"),
        ("ja, ko", None),
        ("", None),
        ("fr;q=abc, nl", "nl"),
    ],
)
def test_browser_language_suggestion(header, expected):
    assert languages.best_match(header) == expected


def test_paths_keep_the_page_in_another_language():
    assert languages.path_in_language("/nl/residence-card/", "ar") == "/ar/residence-card/"
    assert languages.path_in_language("/zh-hans/", "ti") == "/ti/"
    assert languages.path_in_language("/", "fr") == "/fr/"
