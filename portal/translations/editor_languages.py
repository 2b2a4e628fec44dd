"""The languages an editor works in ("My languages"): chosen on a small admin form, put first in the edit forms.

The edit forms read them from `script` (a few bytes of JavaScript per user): Wagtail's editor hooks render without
the request, so the choice cannot be written into the form's page itself.
"""

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from portal import languages
from portal.translations.models import EditorLanguages


class MyLanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        choices=[(language.code, language.english_name) for language in languages.LANGUAGES],
        required=False,
        error_messages={"invalid_choice": "%(value)s is not one of the portal's languages."},
    )


def my_languages(request):
    if request.method == "POST":
        form = MyLanguagesForm(request.POST)
        if form.is_valid():
            codes = [code for code in languages.CODES if code in form.cleaned_data["languages"]]
            EditorLanguages.objects.update_or_create(user=request.user, defaults={"languages": codes})
            names = ", ".join(languages.get(code).english_name for code in codes)
            messages.success(request, f"Your languages: {names}." if codes else "You chose no languages.")
            return redirect("translations:my_languages")
        status = 400
        selected = set(request.POST.getlist("languages"))
    else:
        form = MyLanguagesForm()
        status = 200
        selected = set(EditorLanguages.of(request.user))
    return render(
        request,
        "translations/my_languages.html",
        {
            "form": form,
            "choices": [(language, language.code in selected) for language in languages.LANGUAGES],
            "source": languages.get(languages.DEFAULT),
        },
        status=status,
    )


def script(request):
    """What editor-languages.js needs for this editor: their languages and the source language, always shown."""
    data = {"chosen": EditorLanguages.of(request.user), "source": languages.DEFAULT}
    body = f"window.portalEditorLanguages = {json.dumps(data)};\n"
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")
