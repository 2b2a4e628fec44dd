"""`directory_changed` fires after an import or an admin edit changes services, with their HSDS ids, so
that caches of directory pages can be purged."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from portal.directory.models import Location, Organization, Service

directory_changed = Signal()  # sender, ids: list of HSDS ids (empty: anything may have changed)


@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
def _service_saved(sender, instance, **kwargs):
    directory_changed.send(sender=Service, ids=[str(instance.hsds_id)])


@receiver(post_save, sender=Organization)
@receiver(post_save, sender=Location)
def _organization_saved(sender, instance, **kwargs):
    directory_changed.send(sender=sender, ids=[])
