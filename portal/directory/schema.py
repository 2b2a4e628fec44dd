"""The HSDS 3.0 compiled schemas (vendored in hsds/, gzipped), as jsonschema validators."""

import functools
import gzip
import json
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent / "hsds"


@functools.cache
def document(name: str) -> dict:
    with gzip.open(HERE / f"{name}.json.gz", "rt", encoding="utf-8") as file:
        return json.load(file)


@functools.cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """`name` is service, organization or service_at_location. Formats (uuid, email, date-time) are checked."""
    schema = document(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def errors(name: str, record: dict) -> list[str]:
    """Each problem as 'field.path: message', shortest path first."""
    found = sorted(validator(name).iter_errors(record), key=lambda error: (len(error.absolute_path), error.message))
    return [f"{'.'.join(str(part) for part in error.absolute_path) or '(record)'}: {_short(error)}" for error in found]


def _short(error) -> str:
    message = error.message
    return message if len(message) <= 200 else message[:197] + "..."
