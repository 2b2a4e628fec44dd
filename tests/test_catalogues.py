"""Interface strings: every one translated in all 22 languages, and no English left on a page."""

import re

import polib
import pytest

from portal import languages
from portal.translations import catalogues
from tests.helpers import script_share, text_in_page_language

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")


@pytest.mark.parametrize("code", languages.CODES)
def test_catalogue_is_complete_and_keeps_placeholders(code):
    catalogue = catalogues.load(code)
    assert catalogues.untranslated(code) == []
    assert len(catalogue) > 20
    for entry in catalogue:
        if entry.msgid_plural:  # each form keeps the plural's placeholders (one-form languages use that one form)
            for form in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(entry.msgid_plural)) == set(PLACEHOLDER.findall(form)), entry.msgid
            continue
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), entry.msgid


@pytest.mark.parametrize("code", [code for code in languages.CODES if languages.get(code).script != "Latn"])
def test_catalogue_is_written_in_the_languages_script(code):
    text = " ".join(PLACEHOLDER.sub("", entry.msgstr) for entry in catalogues.load(code))
    assert script_share(text, languages.get(code).script) > 0.9


def test_compiled_catalogues_match_the_sources(tmp_path):
    written = catalogues.compile_all()
    assert len(written) == 22
    for path in written:
        compiled = polib.mofile(str(path))
        source = polib.pofile(str(path.with_suffix(".po")))
        assert {e.msgid: e.msgstr for e in compiled if e.msgid} == {e.msgid: e.msgstr for e in source if e.msgid}


ENGLISH_STRINGS = [entry.msgid for entry in catalogues.load("en") if len(entry.msgid.split()) >= 2]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ti", "ar", "zh-hans", "ps", "th"])
@pytest.mark.parametrize("path", ["/{code}/", "/{code}/residence-card/", "/{code}/no-such-page/"])
def test_no_english_interface_text_on_translated_pages(client, code, path):
    html = client.get(path.format(code=code)).content.decode()
    text = text_in_page_language(html, code)
    # The longest literal part of each message (a message may start with a placeholder: "%(counter)s found").
    parts = {msgid: max(PLACEHOLDER.split(msgid), key=len).strip() for msgid in ENGLISH_STRINGS}
    leftovers = [msgid for msgid, part in parts.items() if len(part) > 3 and part in text]
    assert leftovers == []


def test_every_catalogue_says_whether_a_person_has_reviewed_it():
    """Interface translations are recorded as not yet reviewed until a native speaker checks them."""
    from portal import languages
    from portal.translations import catalogues

    for code in languages.CODES:
        state = catalogues.load(code).metadata.get("X-Review-State", "")
        expected = "source" if code == languages.DEFAULT else "translated, not reviewed"
        assert state.startswith(expected), (code, state)
