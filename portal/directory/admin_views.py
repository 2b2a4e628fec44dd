"""The editors' to-do list: services nobody has checked for 12 months, or whose details are unconfirmed."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.auth import permission_required

from portal.directory.models import CHECK_AGAIN_AFTER, Service


def due_for_check():
    cutoff = timezone.localdate() - CHECK_AGAIN_AFTER
    return (
        Service.objects.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff) | Q(verified=False))
        .select_related("organization")
        .order_by("assured_date", "name_en")
    )


@permission_required("directory.change_service")
def to_check(request):
    return render(request, "directory/admin/to_check.html", {"services": due_for_check()})
