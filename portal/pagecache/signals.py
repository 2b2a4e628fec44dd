"""Purge what a change makes stale, once the change is committed (a purge before the commit could let a reader's
request store the old text again)."""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.directory.signals import directory_changed
from portal.pagecache import affected, store
from portal.referrals.models import ReferralPage
from portal.safety.models import QuickExitSetting

_local = threading.local()


class _Batch:
    """The paths one transaction made stale, purged together once it commits (an import saving 40 services purges
    once). A transaction rolled back discards its batch with its on_commit callback."""

    def __init__(self):
        self.paths = set()

    def __call__(self):
        store.purge(self.paths)
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            purge_urls_from_cache(sorted(base + path for path in self.paths))


def purge(paths: set[str]) -> None:
    """Forget these paths here and, when one is configured, in the front-end cache (nginx, a CDN) through Wagtail's
    frontend-cache backends, once the transaction commits (at once outside a transaction)."""
    batch = getattr(_local, "batch", None)
    waiting = transaction.get_connection().run_on_commit  # [(savepoint ids, callback, robust)]
    if batch is not None and any(callback is batch for _, callback, _ in waiting):
        batch.paths.update(paths)  # this transaction's batch, not yet purged
        return
    batch = _local.batch = _Batch()
    batch.paths.update(paths)
    transaction.on_commit(batch)


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    purge(affected.for_page(instance))


def _served_path(url_path: str) -> str:
    """A page's url_path starts with the site root's own ("/home/slug/"): readers see what follows it."""
    rest = url_path.strip("/").partition("/")[2]
    return f"/{rest}/" if rest else "/"


@receiver(post_page_move)
def _page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    purge(affected.for_page(instance, old_path=_served_path(url_path_before)))


@receiver(page_slug_changed)
def _page_renamed(sender, instance, instance_before, **kwargs):
    # The old address now redirects (or is gone): its cached copy must not be served any more.
    purge(affected.for_page(instance, old_path=_served_path(instance_before.url_path)))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _page_restricted(sender, instance, **kwargs):
    # A page an editor makes private must leave the cache at once (and one made public again is re-rendered).
    purge(affected.for_page(instance.page.specific))


@receiver(pre_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge(affected.for_page(instance.specific))


@receiver(pre_save, sender=ReferralPage)
def _referral_renamed(sender, instance, **kwargs):
    # post_save only knows the new slug: the old address must go too.
    old = ReferralPage.objects.filter(pk=instance.pk).values_list("slug", flat=True).first() if instance.pk else None
    if old and old != instance.slug:
        purge(affected.for_referral_page(old))


@receiver(post_save, sender=ReferralPage)
@receiver(post_delete, sender=ReferralPage)
def _referral_changed(sender, instance, **kwargs):
    purge(affected.for_referral_page(instance.slug))


@receiver(post_save, sender=QuickExitSetting)
def _quick_exit_changed(sender, instance, **kwargs):
    # The quick exit's address is on every page.
    transaction.on_commit(store.purge_all)


@receiver(directory_changed)
def _directory_changed(sender, ids, **kwargs):
    purge(affected.for_directory(ids))
