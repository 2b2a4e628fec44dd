"""The questionnaire is data: questions with choices, rules that branch on earlier answers, and graded outcomes.

Every question and choice has a stable key (used in forms, seed files and reports). A choice leads to a question
or an outcome; a question's rules, checked in order after it is answered, can send the reader elsewhere depending
on the answers given so far on the way ("when sponsor=belgian"). The whole tree is checked before an edit is saved
(see validation.py): no reader may be stranded.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from content.models import TRANSLATION_STATES
from portal.questionnaire import services
from portal.questionnaire.forms import OutcomeForm, QuestionForm
from portal.translations.models import minor_edit_field

key_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}$", "Lower-case letters, digits and _ only, starting with a letter."
)

GRADES = [
    ("yes", "Yes: protected, on conditions"),
    ("maybe", "Maybe: depends on the Immigration Office, get advice"),
    ("no", "No: not protected by this rule, here is what you can do instead"),
    ("stop", "Stop: this questionnaire is not for this situation"),
]
CERTAINTIES = [
    ("clear", "Clear"),
    ("contested", "Contested"),
    ("unclear", "Unclear"),
]


def _key_field(**kwargs):
    return models.CharField(max_length=40, validators=[key_validator], **kwargs)


class Outcome(models.Model):
    key = _key_field(unique=True, help_text="Stable name used in seed files and reports, e.g. belgian.")
    grade = models.CharField(max_length=8, choices=GRADES)
    certainty = models.CharField(max_length=12, choices=CERTAINTIES)
    title = models.CharField(max_length=255)
    summary = models.TextField(help_text="What the rules mean for the reader, in plain words.")
    legal_basis = models.TextField(help_text="The legal basis as the sources give it.")
    next_steps = models.TextField(help_text="One step per line, with deadlines where there are any.")
    evidence = models.TextField(help_text="Evidence checklist: one item per line.")
    service_categories = ArrayField(
        models.CharField(max_length=30, choices=services.CHOICES),
        default=list,
        blank=True,
        help_text="Kinds of help service that match (comma-separated keys): " + ", ".join(services.KEYS),
    )
    information_date = models.DateField(help_text="When this information was last checked against the sources.")
    legal_checked_on = models.DateField(
        null=True,
        blank=True,
        help_text="When a lawyer last checked this outcome; cleared when its source text changes.",
    )
    legal_checked_by = models.CharField(max_length=200, blank=True)
    translation_state = models.CharField(max_length=12, choices=TRANSLATION_STATES, blank=True)
    minor_edit = minor_edit_field()

    base_form_class = OutcomeForm
    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("grade"), FieldPanel("certainty")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("next_steps"),
        FieldPanel("evidence"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("service_categories"), FieldPanel("information_date")]),
        FieldRowPanel([FieldPanel("legal_checked_on"), FieldPanel("legal_checked_by")]),
        FieldPanel("minor_edit"),
        FieldPanel("translation_state"),
    ]

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.title}"


class Question(ClusterableModel):
    key = _key_field(unique=True, help_text="Stable name used in forms, seed files and reports, e.g. sponsor.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in reports; the question with the lowest number is asked first."
    )
    text = models.CharField(max_length=255)
    help = models.TextField(blank=True, help_text="Optional: a short explanation under the question.")
    translation_state = models.CharField(max_length=12, choices=TRANSLATION_STATES, blank=True)
    minor_edit = minor_edit_field()

    base_form_class = QuestionForm
    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("position")]),
        FieldPanel("text"),
        FieldPanel("help"),
        FieldPanel("minor_edit"),
        FieldPanel("translation_state"),
        InlinePanel("choices", heading="Choices", label="Choice", min_num=1),
        MultiFieldPanel(
            [InlinePanel("rules", label="Rule")],
            heading="Rules (optional): checked in order after this question is answered; the first whose "
            "answers all match decides where the reader goes, instead of the chosen answer's own target",
        ),
    ]

    class Meta:
        ordering = ["position", "key"]

    def __str__(self):
        return f"{self.key}: {self.text}"


class Target(models.Model):
    """Where a choice or a rule leads: exactly one of a question or an outcome (checked by validation)."""

    next_question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="then ask"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="or show outcome"
    )

    class Meta:
        abstract = True


class Choice(Orderable, Target):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = _key_field(help_text="Stable name, unique within the question, e.g. belgian or dont_know.")
    label = models.CharField(max_length=255)
    help = models.TextField(blank=True)
    note = models.TextField(
        blank=True, help_text="Optional: shown on the outcome page to readers who chose this answer."
    )
    urgent = models.BooleanField(
        default=False, help_text="Show the emergency help first on every following step (e.g. 'in danger now')."
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("urgent")]),
        FieldPanel("label"),
        FieldPanel("help"),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("next_question"), FieldPanel("outcome")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="questionnaire_choice_key_unique")]

    def __str__(self):
        return f"{self.question.key}={self.key}"


class Rule(Orderable, Target):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="rules")
    when = models.CharField(
        max_length=255,
        help_text="Answers that must all have been given on the way, as key=choice separated by spaces, "
        "e.g. 'sponsor=belgian living=left'.",
    )

    panels = [FieldPanel("when"), FieldRowPanel([FieldPanel("next_question"), FieldPanel("outcome")])]

    def __str__(self):
        return f"{self.question.key}: when {self.when}"


class TreeStamp(models.Model):
    """Counts changes to the tree (bumped by signals.py), so each process keeps the tree it read until it changes:
    a reader's step then costs one small query instead of three wide ones."""

    changes = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"questionnaire changes: {self.changes}"
