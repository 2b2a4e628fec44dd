"""Interface-string catalogues (locale/<locale>/LC_MESSAGES/django.po), read and compiled with polib,
so no system gettext is needed to run the site."""

from pathlib import Path

import polib
from django.conf import settings

from portal import languages


def po_path(code: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / languages.locale_dir_name(code) / "LC_MESSAGES" / "django.po"


def load(code: str) -> polib.POFile:
    return polib.pofile(str(po_path(code)))


def untranslated(code: str) -> list[str]:
    """msgids with no translation (fuzzy entries count as untranslated: gettext ignores them)."""
    catalogue = load(code)
    return [entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or entry.fuzzy)]


def compile_all() -> list[Path]:
    written = []
    for code in languages.CODES:
        source = po_path(code)
        if not source.exists():
            continue
        target = source.with_suffix(".mo")
        polib.pofile(str(source)).save_as_mofile(str(target))
        written.append(target)
    return written
