"""The Translations dashboard (every unit × every language) and the per-language view (what to translate next)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from portal import languages
from portal.translations import dashboard as board
from portal.translations import review_views, states
from portal.translations.models import EditorLanguages


def dashboard(request):
    form = board.Filters(request.GET or None)
    filters = form.values()
    chosen = EditorLanguages.of(request.user)
    codes = [filters["language"]] if filters.get("language") else board.ordered_codes(chosen)
    found = board.lines(filters, codes, request.user)
    foot, legend = board.totals(found, codes)
    columns = [(languages.get(code), code in chosen) for code in codes]
    return render(
        request,
        "translations/dashboard.html",
        {
            "form": form,
            "columns": columns,
            "groups": board.groups(found),
            "count": len(found),
            "foot": [(state, states.LABELS[state], board.SYMBOLS[state], counts) for state, counts in foot],
            "legend": [(state, states.LABELS[state], board.SYMBOLS[state], count) for state, count in legend],
            "filtered": bool(filters),
            "today": timezone.localdate(),
        },
    )


def language(request, code):
    if code not in languages.BY_CODE:
        raise Http404("No such language")
    tasks = board.queue(code, request.user)
    sections = [
        (state, states.LABELS[state], board.SYMBOLS[state], [task for task in tasks if task.state == state])
        for state in board.TO_DO
    ]
    return render(
        request,
        "translations/language.html",
        {"language": languages.get(code), "sections": sections, "count": len(tasks)},
    )


action_urlpatterns = review_views.urlpatterns
