"""A unit's translatable texts, one segment each, as a translator's file holds them; and the columns a set of
translated segments makes.

A segment is a plain field ("title"), a child row's field ("choices:45:label": by the row's primary key, which
survives reordering), or one text leaf of a StreamField ("body:3.value.text": the path in the source stream's raw
data). StreamField leaves are the values of CharBlock, TextBlock and RichTextBlock; choices, URLs, booleans and the
facts named in FACTS are shared by all languages and are not segments.
"""

import copy
from dataclasses import dataclass

from wagtail import blocks
from wagtail.fields import StreamField

from portal.translations import units

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
FACTS = {"phone", "as_of"}  # text blocks that hold a fact, the same in every language


@dataclass(frozen=True)
class Segment:
    key: str  # within the unit
    column_of: object  # the row holding the text: the unit or a child row
    field: str  # the translated field
    path: tuple = ()  # inside a StreamField's raw data
    text: str = ""  # the source text
    translation: str = ""  # the current text in the language asked for
    max_length: int | None = None


def segments(unit, code: str) -> list[Segment]:
    """The unit's non-empty source texts in a stable order, each with its current translation into `code`."""
    kind = units.kind_of(unit)
    source = units.source_language(unit)
    found = []
    for field in kind.fields:
        found.extend(_field_segments(unit, field, field, source, code))
    for relation, fields in kind.children:
        for child in units.children(unit, relation):
            for field in fields:
                found.extend(_field_segments(child, field, f"{relation}:{child.pk}:{field}", source, code))
    return found


def _field_segments(row, field, key, source, code):
    model_field = type(row)._meta.get_field(field)
    if isinstance(model_field, StreamField):
        yield from _stream_segments(row, model_field.stream_block, field, source, code)
        return
    text = getattr(row, units.localized(field, source)) or ""
    if text.strip():
        translation = getattr(row, units.localized(field, code)) or ""
        yield Segment(key, row, field, (), text, translation, model_field.max_length)


def _stream_segments(row, stream_block, field, source, code):
    source_data, target_data = raw(row, field, source), raw(row, field, code)
    matches = aligned(source_data, target_data)
    for path, text, block in _leaves(stream_block, source_data, ()):
        match = matches[path[0]]
        translation = _get(match, path[1:]) if match is not None else None
        max_length = block.field.max_length if isinstance(block, blocks.CharBlock | blocks.TextBlock) else None
        key = f"{field}:{'.'.join(map(str, path))}"
        yield Segment(key, row, field, path, text, translation if isinstance(translation, str) else "", max_length)


def raw(row, field, code) -> list:
    value = getattr(row, units.localized(field, code))
    return copy.deepcopy(list(value.raw_data)) if value else []


def _leaves(block, data, path):
    """(path, text, block) of every non-empty text leaf, in the stream's order."""
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(data or []):
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                yield from _leaves(child_block, child.get("value"), (*path, index, "value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if name not in FACTS and isinstance(data, dict) and name in data:
                yield from _leaves(child_block, data[name], (*path, name))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(data or []):
            if block._item_is_in_block_format(item):
                yield from _leaves(block.child_block, item["value"], (*path, index, "value"))
            else:
                yield from _leaves(block.child_block, item, (*path, index))
    elif isinstance(block, TEXT_BLOCKS) and isinstance(data, str) and data.strip():
        yield path, data, block


def _get(data, path):
    for step in path:
        in_list = isinstance(data, list) and isinstance(step, int) and step < len(data)
        if not (in_list or isinstance(data, dict) and step in data):
            return None
        data = data[step]
    return data


def _set(data, path, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _shape(data):
    """The structure of a block without its texts, facts and ids: block types, struct keys, list lengths."""
    if isinstance(data, dict):
        return tuple(
            sorted((key, value if key == "type" else _shape(value)) for key, value in data.items() if key != "id")
        )
    if isinstance(data, list):
        return tuple(_shape(item) for item in data)
    return None


def aligned(source: list, target: list) -> list:
    """For each source block, the target's block of the same structure, or None: by position when both streams
    have the same block types in the same order, else by block id (an editor inserted or removed blocks)."""
    if [block.get("type") for block in source] == [block.get("type") for block in target]:
        candidates = list(target)
    else:
        by_id = {block.get("id"): block for block in target if block.get("id")}
        candidates = [by_id.get(block.get("id")) for block in source]
    return [
        match if match is not None and _shape(match) == _shape(block) else None
        for block, match in zip(source, candidates, strict=True)
    ]


def _copy_ids(origin, into):
    if isinstance(origin, dict) and isinstance(into, dict):
        if origin.get("id"):
            into["id"] = origin["id"]
        for key in origin.keys() & into.keys():
            _copy_ids(origin[key], into[key])
    elif isinstance(origin, list) and isinstance(into, list):
        for one, other in zip(origin, into, strict=False):
            _copy_ids(one, other)


def rebuild(source: list, target: list, texts: dict) -> list:
    """The target language's stream: the source's blocks and facts with translated leaves (`texts`: path → text),
    keeping the target's block ids where its block has the same structure, else taking the source's."""
    rebuilt = copy.deepcopy(source)
    for block, match in zip(rebuilt, aligned(source, target), strict=True):
        if match is not None:
            _copy_ids(match, block)
    for path, text in texts.items():
        _set(rebuilt, path, text)
    return rebuilt


@dataclass
class Changes:
    columns: list  # (row, column, value) to set
    incomplete: list  # StreamFields with some leaves translated but not all: left as they are


def changes(unit, code: str, found: list[Segment], texts: dict) -> Changes:
    """What writing the translations `texts` (segment key → non-empty text) would change in language `code`."""
    result = Changes([], [])
    streams = {}
    for segment in found:
        if segment.path:
            streams.setdefault((segment.column_of, segment.field), []).append(segment)
        elif segment.key in texts:
            column = units.localized(segment.field, code)
            if texts[segment.key] != (getattr(segment.column_of, column) or ""):
                result.columns.append((segment.column_of, column, texts[segment.key]))
    for (row, field), leaves in streams.items():
        given = [leaf for leaf in leaves if leaf.key in texts]
        if not given:
            continue
        if len(given) < len(leaves):
            result.incomplete.append(f"{field}: {len(given)} of {len(leaves)} segments translated")
            continue
        source, target = raw(row, field, units.source_language(unit)), raw(row, field, code)
        rebuilt = rebuild(source, target, {leaf.path: texts[leaf.key] for leaf in leaves})
        if rebuilt != target:
            result.columns.append((row, units.localized(field, code), rebuilt))
    return result


def stored(row, column, value):
    """The value to set on the column: a StreamField's data as blocks, so that it is saved (and kept in a page
    revision) in the blocks' own key order, as the admin saves it."""
    if not isinstance(value, list):
        return value
    stream = type(row)._meta.get_field(column).stream_block.to_python(value)
    list(stream)  # binds every block
    return stream
