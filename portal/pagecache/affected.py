"""The paths a change makes stale, in all 22 languages: what a purge must forget.

A chapter appears on its own page, on the home page (title and summary), on the professionals' index (the chapter
list) and on the referral pages that cite it; a referral page on its own page and the index; a help service on the
directory lists, its own page and the referral pages that list services.
"""

from django.urls import reverse
from django.utils import translation

from portal import languages


def in_all_languages(path: str) -> list[str]:
    return [languages.path_in_language(path, code) for code in languages.CODES]


def _named(name: str, *args) -> list[str]:
    with translation.override(languages.DEFAULT):
        return in_all_languages(reverse(name, args=args))


def _referral_pages(citing: str | None = None) -> list[str]:
    """Every referral page, or those that cite one chapter."""
    from portal.referrals.models import ReferralPage

    pages = ReferralPage.objects.all()
    if citing is not None:
        pages = pages.filter(chapters__contains=[citing])
    return [path for slug in pages.values_list("slug", flat=True) for path in _named("referral_page", slug)]


def for_page(page, old_path: str | None = None) -> set[str]:
    """A Wagtail page (home or chapter) published, unpublished, moved or deleted."""
    with translation.override(languages.DEFAULT):
        parts = page.get_url_parts()
    paths = set(in_all_languages(parts[2])) if parts else set()
    if old_path:
        paths.update(in_all_languages(old_path))
    paths.update(in_all_languages("/"))  # the home page lists every chapter
    paths.update(_named("referral_index"))
    paths.update(_referral_pages(citing=page.slug))
    return paths


def for_referral_page(slug: str) -> set[str]:
    return set(_named("referral_page", slug)) | set(_named("referral_index"))


def for_directory(service_ids) -> set[str]:
    """Services changed (their HSDS ids; empty: any may have)."""
    from portal.directory.models import Service

    if not service_ids:
        service_ids = Service.objects.values_list("hsds_id", flat=True)
    paths = set(_named("directory"))
    for hsds_id in service_ids:
        paths.update(_named("directory_service", str(hsds_id)))
    return paths | set(_referral_pages())
