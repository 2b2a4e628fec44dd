"""What the translation states are computed from.

The state a translator or reviewer gives a language (translated, not reviewed / reviewed) stays in the unit's own
`translation_state_<lang>` column. What is stored here is what cannot be read from the unit itself: for each unit and
language, the fingerprint of the text as it was last seen, and the fingerprint of the source text it was made from.
A translation whose source fingerprint is not the source's current one is outdated.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from portal import languages


def minor_edit_field():
    """On every translated unit: the save it rides with (and a page's revision) was a minor edit."""
    return models.BooleanField(
        "minor edit",
        default=False,
        help_text="A typo or a wording fix that does not change the meaning: translations stay up to date.",
    )


class TranslationRecord(models.Model):
    unit = models.CharField(max_length=80, help_text="Kind and primary key, e.g. chapter:12")
    language = models.CharField(max_length=10, choices=languages.django_languages())
    text_fingerprint = models.CharField(max_length=64, help_text="This language's text when last seen")
    source_fingerprint = models.CharField(max_length=64, help_text="The source text this translation was made from")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "language"], name="one_record_per_unit_language")]
        indexes = [models.Index(fields=["language", "changed_at"])]

    def __str__(self):
        return f"{self.unit} {self.language}"


class EditorLanguages(models.Model):
    """The languages an editor works in: shown first in the editing forms and the dashboard."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    languages = ArrayField(models.CharField(max_length=10, choices=languages.django_languages()), default=list)

    def __str__(self):
        return f"{self.user}: {', '.join(self.languages)}"

    @classmethod
    def of(cls, user) -> list[str]:
        """The user's languages in the portal's order; codes no longer in the portal's table are dropped."""
        stored = cls.objects.filter(user=user).values_list("languages", flat=True).first() or []
        return [code for code in languages.CODES if code in stored]
