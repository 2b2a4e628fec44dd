from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation

from content import chapters
from portal import languages
from portal.referrals import qr


def _reader(code: str) -> languages.Language:
    if code not in languages.BY_CODE:
        raise Http404("unknown language")
    return languages.get(code)


def _chapter(slug: str = None, pk: int = None):
    page = chapters.live_chapter(slug=slug, pk=pk)
    if page is None:
        raise Http404("unknown page")
    return page


def index(request):
    """For professionals: open a chapter in two languages, or print a card to hand over."""
    staff = translation.get_language()
    choices = [(page.slug, chapters.title_in(page, staff)) for page in chapters.live_chapters()]
    return render(request, "referrals/index.html", {"chapter_choices": choices, "languages": languages.LANGUAGES})


def choose(request):
    """The index page's form (GET, works without JavaScript) leads to the side-by-side address."""
    reader, slug = request.GET.get("reader", ""), request.GET.get("page", "")
    if reader not in languages.BY_CODE or chapters.live_chapter(slug=slug) is None:
        return redirect(f"/{translation.get_language()}/referral/")
    return redirect(f"/{translation.get_language()}/referral/side-by-side/{reader}/{slug}/")


def side_by_side(request, reader, slug):
    reader_language, page = _reader(reader), _chapter(slug)
    staff_language = languages.get(translation.get_language())
    left, right = chapters.in_language(page, staff_language.code), chapters.in_language(page, reader_language.code)
    # Paragraph beside paragraph: blocks are matched by id; a block only one language has still gets its row.
    ids = list(left["blocks"]) + [block_id for block_id in right["blocks"] if block_id not in left["blocks"]]
    rows = [(left["blocks"].get(block_id, ""), right["blocks"].get(block_id, "")) for block_id in ids]
    return render(
        request,
        "referrals/side_by_side.html",
        {
            "page": page,
            "staff": staff_language,
            "reader": reader_language,
            "left": left,
            "right": right,
            "rows": rows,
            "swap_url": f"/{reader_language.code}/referral/side-by-side/{staff_language.code}/{page.slug}/",
        },
    )


def card(request, reader, slug):
    """A neutral card (A6) to take home: a QR code and a short address that say nothing about the topic."""
    reader_language, page = _reader(reader), _chapter(slug)
    address = request.build_absolute_uri(f"/{reader_language.code}/go/{page.pk}/")
    return render(
        request, "referrals/card.html", {"reader": reader_language, "address": address, "qr": qr.svg(address)}
    )


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
