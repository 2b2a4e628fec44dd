"""What a translator's file is checked for before anything of it is written: that it is a readable PO file, for
which language, and that each translation keeps its source's placeholders and HTML tags. Also the fingerprint an
export writes beside each entry, so that an import can tell what changed since."""

import hashlib
import re
from collections import Counter

import polib

from portal import languages

MAX_BYTES = 5 * 1024 * 1024  # a file of every unit in one language is about 0.3 MB
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
FINGERPRINT = re.compile(r"^fingerprint: source=(?P<source>[0-9a-f]{16}) translation=(?P<translation>[0-9a-f]{16})$")
SOURCE_HEADER = "X-Source-Language"


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why, for the editor."""


def parse(data: bytes) -> polib.POFile:
    if not data.strip():
        raise FileRefused("The file is empty.")
    if len(data) > MAX_BYTES:
        raise FileRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: not a translator's file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("The file is not UTF-8 text: save it as a PO file in UTF-8.") from None
    # polib reads a string naming an existing file as that file's path: a PO file always has several lines.
    if "\x00" in text or "\n" not in text.strip():
        raise FileRefused("The file is not a PO file (text with msgid and msgstr lines).")
    try:
        catalogue = polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise FileRefused(f"The file is not a valid PO file: {error}.") from None
    if not [entry for entry in catalogue if not entry.obsolete]:
        raise FileRefused("The file holds no translations (no msgid/msgstr entries).")
    return catalogue


def language_of(catalogue: polib.POFile) -> str:
    """The portal language the file's Language header names (ti, zh_Hans and zh-hans all work)."""
    header = catalogue.metadata.get("Language", "").strip()
    if not header:
        raise FileRefused("The file has no Language header: it does not say which language it holds.")
    code = header.replace("_", "-").lower()
    if code not in languages.BY_CODE:
        raise FileRefused(f"The file's language “{header}” is not one of the portal's languages.")
    return code


def check_language(catalogue: polib.POFile, expected: str | None) -> str:
    code = language_of(catalogue)
    if expected and code != expected:
        raise FileRefused(
            f"The file is for {languages.get(code).english_name} ({code}), not "
            f"{languages.get(expected).english_name} ({expected}): nothing was imported."
        )
    return code


def _tags(text: str) -> Counter:
    return Counter(f"<{slash}{name.lower()}>" for slash, name in TAG.findall(text))


def markup_problems(source: str, translation: str) -> list[str]:
    """Placeholders (%(name)s, %s, {0}, {name}) and HTML tags must be the same, in any order, in both texts."""
    problems = []
    wanted, found = Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(translation))
    if wanted != found:
        problems.append(f"placeholders do not match the source: {_difference(wanted, found)}")
    wanted, found = _tags(source), _tags(translation)
    if wanted != found:
        problems.append(f"HTML tags do not match the source: {_difference(wanted, found)}")
    return problems


def _difference(wanted: Counter, found: Counter) -> str:
    missing = ", ".join(sorted((wanted - found).elements()))
    extra = ", ".join(sorted((found - wanted).elements()))
    return "; ".join(
        part for part in (missing and f"missing {missing}", extra and f"not in the source {extra}") if part
    )


def short_print(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def fingerprint_comment(source: str, translation: str) -> str:
    """The line an export adds to an entry's extracted comment: the fingerprints of the source (the whole unit's,
    so that a change anywhere in it shows) and of this entry's translation in the portal at the export."""
    return f"fingerprint: source={source[:16]} translation={translation[:16]}"


def fingerprints(entry: polib.POEntry) -> tuple[str, str] | None:
    for line in (entry.comment or "").splitlines():
        match = FINGERPRINT.match(line.strip())
        if match:
            return match["source"], match["translation"]
    return None
