"""Help services, shaped on Open Referral HSDS 3.0 (organization, service, location, service_at_location,
phone, schedule, language, contact, service_area and attributes).

Text a reader reads is translated (translation.py); facts (numbers, addresses, hours, areas) are shared by
all languages. Categories, attributes and areas are keys from taxonomy.py and areas.py. `hsds_id` is the
record's HSDS identifier, stable across imports and exports.
"""

import datetime
import uuid

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from content.models import TRANSLATION_STATES
from portal.directory.areas import AREA_CHOICES
from portal.directory.taxonomy import ATTRIBUTE_CHOICES, CATEGORY_CHOICES
from portal.translations.forms import TranslatedUnitForm
from portal.translations.models import minor_edit_field

STATUSES = [(status, status) for status in ("active", "inactive", "defunct", "temporarily closed")]
PHONE_TYPES = [(kind, kind) for kind in ("voice", "text", "video", "textphone", "fax", "cell", "pager")]
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY; index = Python's weekday()
DAYS_BY_CODE = {code: index for index, code in enumerate(DAYS)}
language_code = RegexValidator(r"^[a-z]{2,3}(-[a-z]{2,4})?$", "An ISO 639 code such as nl, ar or zh-hans.")
CHECK_AGAIN_AFTER = datetime.timedelta(days=365)


class Organization(models.Model):
    hsds_id = models.UUIDField("HSDS id", unique=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("website"), FieldPanel("email")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Location(models.Model):
    hsds_id = models.UUIDField("HSDS id", unique=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=200)
    address_1 = models.CharField("street and number", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=4, blank=True, validators=[RegexValidator(r"^\d{4}$")])
    area = models.CharField(max_length=6, choices=AREA_CHOICES, blank=True, help_text="Province, or Brussels")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField(blank=True, help_text="Steps, lift, entrance: what a visitor should know")

    panels = [
        FieldPanel("name"),
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("address_1"), FieldPanel("postal_code"), FieldPanel("city")]),
        FieldPanel("area"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("accessibility"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(ClusterableModel):
    hsds_id = models.UUIDField("HSDS id", unique=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField()
    eligibility_description = models.TextField("who can go", blank=True)
    application_process = models.TextField("how to ask for help", blank=True)
    fees_description = models.TextField("cost", blank=True)
    alert = models.CharField(max_length=300, blank=True, help_text="A short-term notice, e.g. closed this week")
    translation_state = models.CharField(max_length=12, choices=TRANSLATION_STATES, blank=True)
    minor_edit = minor_edit_field()
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default="active")
    categories = ArrayField(models.CharField(max_length=20, choices=CATEGORY_CHOICES), default=list)
    attributes = ArrayField(models.CharField(max_length=20, choices=ATTRIBUTE_CHOICES), default=list, blank=True)
    areas = ArrayField(
        models.CharField(max_length=6, choices=AREA_CHOICES), default=list, help_text="BE for all of Belgium"
    )
    national_line = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Position among the national lines every directory page shows first"
    )
    verified = models.BooleanField(
        default=False, help_text="Every detail confirmed with the service. If not, readers see a notice."
    )
    source = models.TextField(help_text="Where the facts come from")
    assured_date = models.DateField("last checked on", null=True, blank=True)
    assurer_email = models.EmailField("checked by", blank=True)
    last_modified = models.DateTimeField(default=timezone.now, editable=False)

    base_form_class = TranslatedUnitForm
    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("eligibility_description"),
        FieldPanel("application_process"),
        FieldPanel("fees_description"),
        FieldPanel("alert"),
        FieldPanel("minor_edit"),
        FieldPanel("translation_state"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("attributes"), FieldPanel("areas"), FieldPanel("national_line")],
            heading="Filters",
        ),
        FieldRowPanel([FieldPanel("url"), FieldPanel("email"), FieldPanel("status")]),
        InlinePanel("phones", label="Phone numbers"),
        InlinePanel("schedules", label="Opening hours (Europe/Brussels time)"),
        InlinePanel("languages", label="Languages spoken"),
        InlinePanel("service_at_locations", label="Places"),
        InlinePanel("contacts", label="Contacts"),
        MultiFieldPanel(
            [FieldPanel("verified"), FieldPanel("source"), FieldPanel("assured_date"), FieldPanel("assurer_email")],
            heading="Checking",
        ),
    ]

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["national_line"])]

    def __str__(self):
        return self.name

    def save(self, *args, touch=True, **kwargs):
        if touch:  # an import sets last_modified from the file instead
            self.last_modified = timezone.now()
        super().save(*args, **kwargs)

    @property
    def needs_check(self) -> bool:
        return self.assured_date is None or timezone.localdate() - self.assured_date > CHECK_AGAIN_AFTER


class Phone(Orderable):
    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=30, validators=[RegexValidator(r"^\+?[0-9][0-9 ./-]{1,28}$")])
    type = models.CharField(max_length=10, choices=PHONE_TYPES, default="voice")
    description = models.CharField(max_length=200, blank=True)
    languages = ArrayField(models.CharField(max_length=10, validators=[language_code]), default=list, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]

    @property
    def tel(self) -> str:
        return "".join(character for character in self.number if character.isdigit() or character == "+")


class Schedule(Orderable):
    """Weekly opening hours (RFC 5545 WEEKLY/BYDAY) in Europe/Brussels time.

    closes_at at or before opens_at runs past midnight; opens_at = closes_at = 00:00 is the whole day.
    A row with a description and no times is a note ("hours differ per office").
    """

    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    days = ArrayField(
        models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)]),
        default=list,
        blank=True,
        help_text="0 = Monday … 6 = Sunday",
    )
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True, closes_at__isnull=True)
                | models.Q(opens_at__isnull=False, closes_at__isnull=False),
                name="schedule_times_together",
            )
        ]

    @property
    def whole_day(self) -> bool:
        return self.opens_at is not None and self.opens_at == self.closes_at == datetime.time(0)


class ServiceLanguage(Orderable):
    """A language spoken at the service (not interpreter-only; say that in the note)."""

    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=10, validators=[language_code])
    note = models.CharField(max_length=200, blank=True, help_text='e.g. "interpreter on request"')

    class Meta:
        ordering = ["sort_order", "id"]


class ServiceAtLocation(Orderable):
    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")

    class Meta:
        ordering = ["sort_order", "id"]


class Contact(Orderable):
    hsds_id = models.UUIDField("HSDS id", default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["sort_order", "id"]
