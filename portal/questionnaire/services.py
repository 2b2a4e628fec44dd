"""Kinds of help service an outcome can point to: the help-service directory's categories, so an outcome
page links straight to the matching directory list."""

from portal.directory.taxonomy import CATEGORIES as LABELS
from portal.directory.taxonomy import CATEGORY_CHOICES as CHOICES

KEYS = tuple(LABELS)
__all__ = ["CHOICES", "KEYS", "LABELS"]
