"""Keep the index current when pages are published, unpublished or deleted."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from portal.search import indexing


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    indexing.reindex("page", [instance.pk])


@receiver(post_delete, sender=Page)  # deleting a specific page also deletes (and signals) its Page row
def page_deleted(sender, instance, **kwargs):
    indexing.reindex("page", [instance.pk])
