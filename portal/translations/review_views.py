"""The reviewers' actions on the dashboard: mark one language of a unit reviewed, record a lawyer's check.

A page changes through a new revision that is published (a later admin edit starts from the latest revision, which
must hold the change); a page with an unpublished draft is refused rather than its draft published unseen. Snippets
are saved. Wagtail wraps these views in its admin access check; they also need the right to edit the unit.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page

from portal import languages
from portal.translations import links, states, units


class UnitForm(forms.Form):
    unit = forms.CharField(max_length=80)
    next = forms.CharField(required=False, max_length=2000)


class ReviewForm(UnitForm):
    language = forms.ChoiceField(choices=[(code, code) for code in languages.CODES])


class LegalCheckForm(UnitForm):
    checked_on = forms.DateField(required=False, label="Checked on")
    checked_by = forms.CharField(max_length=200, label="By")

    def clean_checked_on(self):
        value = self.cleaned_data["checked_on"] or timezone.localdate()
        if value > timezone.localdate():
            raise forms.ValidationError("The date of a legal check cannot be in the future.")
        return value


def _back(request, form):
    target = form.cleaned_data.get("next") if hasattr(form, "cleaned_data") else ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("translations:dashboard")


def _unit(request, form):
    unit = units.find(form.cleaned_data["unit"])
    if unit is None:
        raise Http404("No such unit")
    if links.edit_url(unit, None, request.user) is None:
        raise PermissionDenied
    return unit


def _save(unit, change, user) -> str | None:
    """Apply `change` to the unit and store it; the reason it was refused, or None."""
    if not isinstance(unit, Page):
        change(unit)
        unit.save()
        return None
    if unit.has_unpublished_changes:
        return "it has unpublished changes in a draft: publish or discard the draft first, then try again."
    if not unit.permissions_for_user(user).can_publish():
        return "you may not publish this page."
    page = unit.get_latest_revision_as_object()
    change(page)
    page.save_revision(user=user).publish(user=user)
    return None


@require_POST
def mark_reviewed(request):
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Give a unit and one of the portal's languages.")
    unit, code = _unit(request, form), form.cleaned_data["language"]
    name, language = str(unit), languages.get(code).english_name
    state = states.unit_states(unit)[code]
    if state in (states.MISSING, states.SOURCE):
        messages.error(
            request, f"“{name}” in {language} cannot be marked reviewed: it is {states.LABELS[state].lower()}."
        )
        return _back(request, form)
    with transaction.atomic():
        refused = _save(
            unit, lambda obj: setattr(obj, units.localized("translation_state", code), states.REVIEWED), request.user
        )
        if not refused:
            states.confirm(unit, code)
    if refused:
        messages.error(request, f"“{name}” in {language} was not marked reviewed: {refused}")
    else:
        messages.success(request, f"“{name}” in {language} is marked reviewed.")
    return _back(request, form)


@require_POST
def legal_check(request):
    form = LegalCheckForm(request.POST)
    if not form.is_valid():
        if form.has_error("unit"):
            return HttpResponseBadRequest("Give a unit.")
        problems = "; ".join(f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, f"The legal check was not recorded. {problems}")
        return _back(request, form)
    unit = _unit(request, form)
    if not units.is_legal(unit):
        messages.error(request, f"“{unit}” does not state the law: it has no legal check.")
        return _back(request, form)
    checked_on, checked_by = form.cleaned_data["checked_on"], form.cleaned_data["checked_by"]

    def change(obj):
        obj.legal_checked_on, obj.legal_checked_by = checked_on, checked_by

    with transaction.atomic():
        refused = _save(unit, change, request.user)
    if refused:
        messages.error(request, f"The legal check of “{unit}” was not recorded: {refused}")
    else:
        messages.success(request, f"Legal check of “{unit}” recorded: {checked_on:%d %B %Y} by {checked_by}.")
    return _back(request, form)


urlpatterns = [
    path("review/", mark_reviewed, name="mark_reviewed"),
    path("legal-check/", legal_check, name="legal_check"),
]
