"""The kinds of translated unit, each registered by the app that owns it (in its translation.py, beside the fields
modeltranslation translates), and what this app reads of a unit: its texts in one language and their fingerprint."""

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from modeltranslation.utils import build_localized_fieldname

from portal import languages

LEGAL_CHECK_FIELDS = ("legal_checked_on", "legal_checked_by")


@dataclass(frozen=True)
class Kind:
    name: str  # the first part of a unit id: "chapter" in "chapter:12"
    label: str
    model: type
    fields: tuple[str, ...]  # translated text fields; the first must be filled for a language to count as present
    children: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (relation, fields): translated rows, e.g. choices
    legal: Callable[[object], bool] = lambda unit: False  # states the law: a lawyer's check applies
    queryset: Callable | None = None  # the units to list; all of the model's rows by default
    position: int = 0  # order of the kinds in lists

    def units(self):
        return self.queryset() if self.queryset else self.model.objects.all()


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.position)


def get_kind(name: str) -> Kind:
    return _KINDS[name]


def kind_of(unit) -> Kind | None:
    model = type(unit)
    for kind in _KINDS.values():
        if issubclass(model, kind.model):
            return kind
    return None


def unit_id(unit) -> str:
    return f"{kind_of(unit).name}:{unit.pk}"


def find(identifier: str):
    """The unit an id names, or None."""
    name, _, pk = identifier.partition(":")
    if name not in _KINDS or not pk.isdigit():
        return None
    return get_kind(name).units().filter(pk=int(pk)).first()


def localized(field: str, code: str) -> str:
    return build_localized_fieldname(field, code)


# The admin's rich-text editor gives every paragraph a new random key on each save and writes characters as entities
# where the seeds did not: neither is a change of the text.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
SELF_CLOSING = re.compile(r"\s*/>")


def _text(value):
    """A field's value as comparable data: StreamField bodies without block ids and editor keys."""
    if hasattr(value, "raw_data"):
        value = list(value.raw_data)
    return _normalized(value) if value not in (None, "") else ""


def _normalized(data):
    if isinstance(data, dict):
        return {key: _normalized(item) for key, item in data.items() if key != "id"}
    if isinstance(data, list):
        return [_normalized(item) for item in data]
    if isinstance(data, str):
        return html.unescape(SELF_CLOSING.sub(">", BLOCK_KEY.sub("", data))).strip()
    return data


def children(unit, relation):
    """A unit's child rows, as the form left them (modelcluster keeps unsaved rows in memory)."""
    return list(getattr(unit, relation).all())


def texts(unit, code: str, with_children=True) -> dict:
    """Every translated text of the unit in one language, by field (children as relation.position.field)."""
    kind = kind_of(unit)
    found = {field: _text(getattr(unit, localized(field, code))) for field in kind.fields}
    for relation, fields in kind.children if with_children else ():
        for position, child in enumerate(children(unit, relation)):
            for field in fields:
                found[f"{relation}.{position}.{field}"] = _text(getattr(child, localized(field, code)))
    return found


def has_text(unit, code: str) -> bool:
    kind = kind_of(unit)
    value = _text(getattr(unit, localized(kind.fields[0], code)))
    return bool(value.strip() if isinstance(value, str) else value)


def fingerprint(unit, code: str, with_children=True) -> str:
    data = json.dumps(texts(unit, code, with_children), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def source_language(unit) -> str:
    """The language the unit is written in: the one marked "source", else the portal's default."""
    for code in languages.CODES:
        if getattr(unit, localized("translation_state", code), "") == "source":
            return code
    return languages.DEFAULT


def is_legal(unit) -> bool:
    return kind_of(unit).legal(unit)
