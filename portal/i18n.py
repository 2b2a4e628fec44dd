"""Language from the URL prefix, and what templates need to know about it.

Django's LocaleMiddleware is not used: it redirects unknown prefixes to /en/... (Wagtail's catch-all
URL matches everything), and it would read cookies. Here the language comes from the path alone.
"""

from dataclasses import dataclass

from django.utils import translation

from portal import languages
from portal.safety.exit_address import quick_exit_url


class URLLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = languages.path_language(request.path_info) or languages.DEFAULT
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def language_context(request):
    current = languages.BY_CODE.get(translation.get_language(), languages.get(languages.DEFAULT))
    path = request.path if languages.path_language(request.path) else f"/{current.code}/"
    return {
        "current_language": current,
        "quick_exit_url": quick_exit_url(),
        "language_switcher": [
            (language, languages.path_in_language(path, language.code)) for language in languages.LANGUAGES
        ],
    }


@dataclass(frozen=True)
class Translated:
    """A translated value and the language it actually came from."""

    value: object
    language: languages.Language
    is_fallback: bool

    def __bool__(self):
        return bool(self.value)

    def __str__(self):
        return str(self.value)


def _is_empty(value) -> bool:
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value) == 0
    return not str(value).strip()


def translated_field(instance, field: str, code: str | None = None) -> Translated:
    """Read `field` in the reader's language, else along its fallback chain.

    Returns the language the text really came from, so the template can mark a fallback with its
    own lang/dir and tell the reader.
    """
    from modeltranslation.utils import build_localized_fieldname

    code = code or translation.get_language()
    chain = languages.chain(code if code in languages.BY_CODE else languages.DEFAULT)
    for position, candidate in enumerate(chain):
        value = getattr(instance, build_localized_fieldname(field, candidate), None)
        if not _is_empty(value):
            return Translated(value, languages.get(candidate), position > 0)
    return Translated(None, languages.get(chain[0]), False)
