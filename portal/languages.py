"""The one table of the portal's 22 languages.

Settings (LANGUAGES, bidi list, Django locale data, modeltranslation fallbacks), URL prefixes, the
language chooser, the switcher, the sitemap, search configurations and tests all derive from it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # URL prefix and Django language code
    native_name: str
    english_name: str
    direction: str  # "ltr" or "rtl"
    search_config: str  # PostgreSQL text-search configuration; "simple" where PostgreSQL has no stemmer
    fallbacks: tuple[str, ...]  # tried in order when a text is missing; each chain ends in en or fr
    script: str  # ISO 15924 code of the script the language is written in here

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def _lang(code, native, english, search="simple", fallbacks=("en",), script="Latn", direction="ltr"):
    return Language(code, native, english, direction, search, fallbacks, script)


LANGUAGES: tuple[Language, ...] = (
    _lang("nl", "Nederlands", "Dutch", "dutch", ("en", "fr")),
    _lang("fr", "Français", "French", "french", ("en", "nl")),
    _lang("de", "Deutsch", "German", "german", ("fr", "en")),
    _lang("en", "English", "English", "english", ("fr", "nl")),
    _lang("ar", "العربية", "Arabic", "arabic", ("fr", "en"), "Arab", "rtl"),
    _lang("tr", "Türkçe", "Turkish", "turkish"),
    _lang("es", "Español", "Spanish", "spanish", ("fr", "en")),
    _lang("pt", "Português", "Portuguese", "portuguese", ("fr", "en")),
    _lang("ru", "Русский", "Russian", "russian", script="Cyrl"),
    _lang("uk", "Українська", "Ukrainian", script="Cyrl"),
    _lang("pl", "Polski", "Polish"),
    _lang("ro", "Română", "Romanian", "romanian", ("fr", "en")),
    _lang("bg", "Български", "Bulgarian", script="Cyrl"),
    _lang("sq", "Shqip", "Albanian"),
    _lang("fa", "فارسی", "Persian", script="Arab", direction="rtl"),
    _lang("ps", "پښتو", "Pashto", fallbacks=("fa", "en"), script="Arab", direction="rtl"),
    _lang("ku", "Kurdî (Kurmancî)", "Kurdish (Kurmanji)", fallbacks=("tr", "en")),
    _lang("ti", "ትግርኛ", "Tigrinya", script="Ethi"),
    _lang("so", "Soomaali", "Somali"),
    _lang("zh-hans", "简体中文", "Chinese (Simplified)", script="Hans"),
    _lang("hi", "हिन्दी", "Hindi", "hindi", script="Deva"),
    _lang("th", "ไทย", "Thai", script="Thai"),
)

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
DEFAULT = "en"  # the modeltranslation default column and the language of non-prefixed URLs (admin)
SOURCE_LANGUAGES = ("nl", "fr", "en")  # content is written in these first


def get(code: str) -> Language:
    return BY_CODE[code]


def chain(code: str) -> tuple[str, ...]:
    """The language itself, then its fallbacks, without repeats."""
    seen = [code]
    for fallback in BY_CODE[code].fallbacks:
        if fallback not in seen:
            seen.append(fallback)
    return tuple(seen)


def django_languages() -> list[tuple[str, str]]:
    return [(language.code, language.native_name) for language in LANGUAGES]


def rtl_codes() -> list[str]:
    return [language.code for language in LANGUAGES if language.is_rtl]


def django_lang_info() -> dict[str, dict]:
    """Locale data in the shape of django.conf.locale.LANG_INFO, for languages Django lacks."""
    return {
        language.code: {
            "bidi": language.is_rtl,
            "code": language.code,
            "name": language.english_name,
            "name_local": language.native_name,
        }
        for language in LANGUAGES
    }


def modeltranslation_fallbacks() -> dict[str, tuple[str, ...]]:
    return {"default": (DEFAULT,)} | {language.code: language.fallbacks for language in LANGUAGES}


def locale_dir_name(code: str) -> str:
    """Django's folder name under locale/ for a language code (zh-hans -> zh_Hans)."""
    from django.utils.translation import to_locale

    return to_locale(code)


def path_language(path: str) -> str | None:
    """The language code a URL path starts with, or None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in BY_CODE else None


def path_in_language(path: str, code: str) -> str:
    """The same path with another language prefix. Slugs are ASCII and shared by all languages."""
    current = path_language(path)
    rest = path.lstrip("/")[len(current) :].lstrip("/") if current else path.lstrip("/")
    return f"/{code}/{rest}"


def best_match(accept_language: str) -> str | None:
    """The first of our languages named in an Accept-Language header, by quality order."""
    candidates = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        tag = tag.strip().lower()
        if tag.startswith("zh") and tag not in ("zh-tw", "zh-hk", "zh-hant"):
            tag = "zh-hans"
        primary = tag if tag in BY_CODE else tag.split("-")[0]
        if primary == "kmr":
            primary = "ku"
        if primary in BY_CODE and quality > 0:
            candidates.append((-quality, position, primary))
    return min(candidates)[2] if candidates else None
