"""Translator's files in the admin: download one language's file; upload it back → a check page listing every
problem with its unit and what will be written → confirm → written.

Between the check and the confirmation the file comes back with the confirm form: its text, compressed and signed
(django.core.signing, salted with the editor's id, valid for an hour), with a digest of what the check page showed.
Nothing is kept on the server (no upload folder to clean, nothing left in the session when the editor walks away);
a changed payload is refused, and when the portal changed in between so that the check would now show something
else, nothing is written and the new check is shown instead.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import languages
from portal.translations import po_checks, po_export, po_import, po_interface

SALT = "portal.translations.import"
MAX_AGE = 60 * 60  # seconds between the check and the confirmation


class UploadForm(forms.Form):
    language = forms.ChoiceField(
        choices=[("", "Choose…")]
        + [(code, f"{languages.get(code).english_name} ({code})") for code in languages.CODES],
        help_text="The language the translator worked in: a file for another language is refused.",
    )
    file = forms.FileField(help_text="A PO file downloaded below (or written by manage.py export_translations).")


def _salt(user) -> str:
    return f"{SALT}:{user.pk}"


def _check(request, data: bytes, code: str):
    return po_import.check(po_checks.parse(data), code, request.user)


def _check_page(request, report, text: str, name: str, changed=False):
    payload = signing.dumps(
        {"text": text, "language": report.language, "name": name, "digest": report.digest()},
        salt=_salt(request.user),
        compress=True,
    )
    context = {"report": report, "payload": payload, "name": name, "changed": changed}
    context["language"] = languages.get(report.language)
    return render(request, "translations/import_check.html", context)


def _refused(request, message: str, wrote_nothing=True):
    context = {"message": message, "wrote_nothing": wrote_nothing}
    return render(request, "translations/import_refused.html", context, status=400)


@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(po_checks.MAX_BYTES + 1)
        try:
            report = _check(request, data, form.cleaned_data["language"])
        except po_checks.FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            return _check_page(request, report, data.decode("utf-8-sig"), upload.name)
    status = 400 if form.errors else 200
    return render(request, "translations/import.html", {"form": form, "languages": languages.LANGUAGES}, status=status)


@require_POST
def confirm(request):
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=_salt(request.user), max_age=MAX_AGE)
    except signing.SignatureExpired:
        return _refused(request, "The check is more than an hour old. Upload the file again to check it anew.")
    except signing.BadSignature:
        return _refused(request, "The confirmation was changed on its way back, or is not one this admin made.")
    try:
        report = _check(request, payload["text"].encode(), payload["language"])
    except po_checks.FileRefused as refused:
        return _refused(request, str(refused))
    if report.digest() != payload["digest"]:
        return _check_page(request, report, payload["text"], payload["name"], changed=True)
    try:
        written = po_import.apply(report, request.user)
    except ValidationError as error:
        return _refused(request, f"A unit could not be saved, so none was: {'; '.join(error.messages)}")
    context = {"report": report, "written": written, "name": payload["name"]}
    context["language"] = languages.get(report.language)
    context["interface_written"] = any(item.identifier.startswith("interface:") for item in written)
    return render(request, "translations/import_done.html", context)


@require_GET
def download(request):
    code = request.GET.get("language", "")
    if code not in languages.BY_CODE:
        return _refused(request, "Choose one of the portal's languages to download its file.", wrote_nothing=False)
    if request.GET.get("interface"):
        catalogue, name = po_interface.export(code), f"interface-{code}.po"
    else:
        catalogue, name = po_export.content_file(code)[0], f"content-{code}.po"
    response = HttpResponse(str(catalogue), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


extra_urlpatterns = [
    path("import/confirm/", confirm, name="import_confirm"),
    path("export/", download, name="export"),
]
