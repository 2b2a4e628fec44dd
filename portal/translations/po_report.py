"""What the check of a translator's file found, unit by unit: the problems that keep a unit from being written,
and what will be written for the others once the editor confirms."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

REFUSED, WRITE, UNCHANGED = "refused", "write", "unchanged"


@dataclass
class Item:
    """One unit (chapter:12), or one interface string."""

    identifier: str
    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown, but do not keep the unit from being written
    writes: list[str] = field(default_factory=list)  # what will be written, for the editor to read
    apply: Callable | None = None  # writes it: apply(user)

    @property
    def status(self) -> str:
        if self.problems:
            return REFUSED
        return WRITE if self.writes else UNCHANGED


@dataclass
class Report:
    language: str
    items: list[Item]
    finishers: list[Callable] = field(default_factory=list)  # run once after the items are written
    interface: bool = False  # the file holds interface strings

    def _with(self, status):
        return [item for item in self.items if item.status == status]

    @property
    def refused(self):
        return self._with(REFUSED)

    @property
    def to_write(self):
        return self._with(WRITE)

    @property
    def unchanged(self):
        return self._with(UNCHANGED)

    def digest(self) -> str:
        """What would be written: the editor confirms this, and nothing else is written if it changed meanwhile."""
        planned = [(item.identifier, item.writes) for item in self.to_write]
        return hashlib.sha256(json.dumps([self.language, planned], ensure_ascii=False).encode()).hexdigest()
