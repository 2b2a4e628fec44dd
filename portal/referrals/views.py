"""For professionals: referral pages, any page in two languages side by side, a printable bilingual handout, a
neutral card and an interpreter card. Nothing here stores anything or sets a cookie."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from content import chapters
from content.models import share_texts
from portal import languages
from portal.directory import areas
from portal.directory import queries as directory
from portal.directory.taxonomy import CATEGORIES
from portal.i18n import translated_field
from portal.pagecache.policy import cached_view
from portal.referrals import pdf, qr, sources
from portal.referrals.models import ReferralPage
from portal.translations import notices


def _reader(code: str) -> languages.Language:
    if code not in languages.BY_CODE:
        raise Http404("unknown language")
    return languages.get(code)


def _chapter(slug: str = None, pk: int = None):
    page = chapters.live_chapter(slug=slug, pk=pk)
    if page is None:
        raise Http404("unknown page")
    return page


def _source(slug: str) -> sources.Source:
    source = sources.find(slug)
    if source is None:
        raise Http404("unknown page")
    return source


@cached_view()
def index(request):
    """For professionals: the situations, the guide, and the tools (side by side, cards)."""
    staff = translation.get_language()
    pages = [(page, translated_field(page, "title", staff)) for page in ReferralPage.objects.all()]
    return render(
        request,
        "referrals/index.html",
        {
            "guides": [(page, title) for page, title in pages if page.kind == "guide"],
            "situations": [(page, title) for page, title in pages if page.kind == "situation"],
            "chapter_choices": sources.choices(staff),
            "languages": languages.LANGUAGES,
        },
    )


@cached_view(hours_shown=True, parameters={"area"})  # lists services with "open now"
def referral_page(request, slug):
    page = ReferralPage.objects.filter(slug=slug).first()
    if page is None:
        raise Http404("unknown page")
    staff = translation.get_language()
    area = request.GET.get("area", "")
    area = area if area in areas.AREAS and area != "BE" else ""
    found = directory.by_category([key for key in page.service_categories if key in CATEGORIES], area or None)
    sections = sources.sections(page, staff)
    texts = [translated_field(page, name, staff) for name in ("title", "summary")] + [item["text"] for item in sections]
    linked = {chapter.slug: chapter for chapter in chapters.live_chapters().filter(slug__in=page.chapters)}
    notice = notices.for_reader(page, staff)
    return render(
        request,
        "referrals/page.html",
        {
            "page": page,
            "title": translated_field(page, "title", staff),
            "summary": translated_field(page, "summary", staff),
            "services": [
                (key, CATEGORIES[key], [(service, translated_field(service, "name")) for service in found.get(key, [])])
                for key in page.service_categories
                if key in CATEGORIES
            ],
            "sections": sections,
            "fallback": next((item for item in texts if item.is_fallback), None),
            "translation_notice": notice,
            "original_url": f"/{notice.original.code}/referral/{page.slug}/" if notice else "",
            "chapters": [(linked[s], chapters.title_in(linked[s], staff)) for s in page.chapters if s in linked],
            "area": area,
            "area_choices": [(code, item.name) for code, item in areas.AREAS.items() if code != "BE"],
            "languages": languages.LANGUAGES,
            "share": share_texts(page),
        },
    )


def choose(request):
    """The index page's form (GET, works without JavaScript) leads to the side-by-side address."""
    reader, slug = request.GET.get("reader", ""), request.GET.get("page", "")
    if reader not in languages.BY_CODE or sources.find(slug) is None:
        return redirect(f"/{translation.get_language()}/referral/")
    return redirect(f"/{translation.get_language()}/referral/side-by-side/{reader}/{slug}/")


def _two_columns(request, reader, slug):
    reader_language, source = _reader(reader), _source(slug)
    staff_language = languages.get(translation.get_language())
    left, right = sources.in_language(source, staff_language.code), sources.in_language(source, reader_language.code)
    return {
        "source": source,
        "staff": staff_language,
        "reader": reader_language,
        "left": left,
        "right": right,
        "rows": sources.rows(left, right),
        "swap_url": f"/{reader_language.code}/referral/side-by-side/{staff_language.code}/{source.slug}/",
    }


def side_by_side(request, reader, slug):
    return render(request, "referrals/side_by_side.html", _two_columns(request, reader, slug))


def handout(request, reader, slug):
    """A bilingual A4 page to print: the essentials in both languages and a QR code to the whole page in hers."""
    context = _two_columns(request, reader, slug)
    source = context["source"]
    if source.kind == "chapter":
        # What she must act on fits one sheet: steps, contacts, and emergency and warning notes. Tips and the rest
        # of the chapter are one scan away (the QR code).
        keep = {
            block.id
            for block in source.obj.body
            if block.block_type in ("steps", "contact")
            or (block.block_type == "callout" and block.value["kind"] in ("emergency", "warning"))
        }
        context["rows"] = sources.rows(context["left"], context["right"], keep=keep.__contains__)
        address = request.build_absolute_uri(f"/{reader}/go/{source.obj.pk}/")
    elif source.kind == "questionnaire":
        address = request.build_absolute_uri(f"/{reader}/questionnaire/")
    else:
        # What she takes home from a referral page: its summary and what was said to her (the rest is for staff).
        context["rows"] = sources.rows(
            context["left"], context["right"], keep=lambda block_id: block_id == "summary" or block_id.startswith("say")
        )
        # The QR code must not name the subject: it opens the page's first chapter by its short neutral address.
        chapter = next(filter(None, (chapters.live_chapter(slug=slug) for slug in source.obj.chapters)), None)
        address = request.build_absolute_uri(f"/{reader}/go/{chapter.pk}/" if chapter else f"/{reader}/")
    context |= {"address": address, "qr": qr.svg(address)}
    return render(request, "referrals/handout.html", context)


def card(request, reader, slug):
    """A neutral card (A6) to take home: a QR code and a short address that say nothing about the topic."""
    reader_language, page = _reader(reader), _chapter(slug)
    address = request.build_absolute_uri(f"/{reader_language.code}/go/{page.pk}/")
    return render(
        request, "referrals/card.html", {"reader": reader_language, "address": address, "qr": qr.svg(address)}
    )


def card_pdf(request, reader, slug):
    """The same card as a PDF download, with no words on it at all."""
    reader_language, page = _reader(reader), _chapter(slug)
    response = HttpResponse(
        pdf.card(request.build_absolute_uri(f"/{reader_language.code}/go/{page.pk}/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="card.pdf"'
    return response


def interpreter_card(request, reader):
    """ "I need an interpreter" in the reader's language, with the Dutch and French sentence beside it."""
    reader_language = _reader(reader)
    lines = []
    for code in dict.fromkeys([reader_language.code, "nl", "fr"]):
        with translation.override(code):
            lines.append((languages.get(code), translation.gettext("I need an interpreter. My language is:")))
    return render(request, "referrals/interpreter.html", {"reader": reader_language, "lines": lines})


def go(request, number):
    """The short, neutral address printed on cards: it leads to the chapter in the language of the prefix."""
    page = _chapter(pk=number)
    return redirect(f"/{translation.get_language()}/{page.slug}/")
