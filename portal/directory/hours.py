"""Opening hours in Europe/Brussels time: "open now" as a SQL condition, so a filtered list and the
label on each service come from the same query, and readable lines for the page."""

import datetime
import zoneinfo

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from portal.directory.models import Schedule

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
DAY_NAMES = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
EVERY_DAY = list(range(7))
MIDNIGHT = datetime.time(0)


def in_force(day: datetime.date) -> Q:
    """Schedules valid on `day` (valid_from and valid_to included)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def _open_at(moment: datetime.datetime) -> Q:
    local = moment.astimezone(BRUSSELS)
    today, now = local.weekday(), local.time().replace(tzinfo=None)
    yesterday = local.date() - datetime.timedelta(days=1)
    same_day = Q(opens_at__lt=F("closes_at"), opens_at__lte=now, closes_at__gt=now)
    runs_past_midnight = Q(opens_at__gte=F("closes_at"), opens_at__lte=now)  # includes 00:00–00:00, all day
    # Yesterday's hours that run past midnight (closes at or before opens), valid yesterday; 00:00–00:00 ends at 24:00.
    from_yesterday = Q(days__contains=[(today - 1) % 7], opens_at__gte=F("closes_at"), closes_at__gt=now) & in_force(
        yesterday
    )
    return (in_force(local.date()) & Q(days__contains=[today]) & (same_day | runs_past_midnight)) | from_yesterday


def open_now(moment: datetime.datetime | None = None) -> Exists:
    """True for a service with a schedule open at `moment` (default: now). Annotate or filter with it."""
    return Exists(Schedule.objects.filter(_open_at(moment or datetime.datetime.now(BRUSSELS)), service=OuterRef("pk")))


def always_open(day: datetime.date | None = None) -> Exists:
    """A schedule, valid on `day` (default today), open all day every day."""
    day = day or datetime.datetime.now(BRUSSELS).date()
    return Exists(
        Schedule.objects.filter(
            in_force(day), service=OuterRef("pk"), days__contains=EVERY_DAY, opens_at=MIDNIGHT, closes_at=MIDNIGHT
        )
    )


def valid_on(schedule, day: datetime.date) -> bool:
    """in_force() for a schedule already loaded."""
    return (schedule.valid_from is None or schedule.valid_from <= day) and (
        schedule.valid_to is None or schedule.valid_to >= day
    )


def is_always_open(schedules, day: datetime.date) -> bool:
    """The same rule as always_open(), on schedules already loaded."""
    return any(
        schedule.whole_day and set(schedule.days) >= set(EVERY_DAY) and valid_on(schedule, day)
        for schedule in schedules
    )


def lines(schedules, day: datetime.date) -> list[dict]:
    """Readable opening hours valid on `day`: [{"days": "Monday, Tuesday", "hours": "09:00–17:00"}]."""
    out = []
    for schedule in schedules:
        if schedule.opens_at is None or not valid_on(schedule, day):
            continue
        hours = _("day and night") if schedule.whole_day else f"{schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}"
        if sorted(schedule.days) == EVERY_DAY:
            days = _("Every day")
        else:
            days = ", ".join(str(DAY_NAMES[day]) for day in sorted(schedule.days) if 0 <= day < 7)
        out.append({"days": days, "hours": hours})
    return out
