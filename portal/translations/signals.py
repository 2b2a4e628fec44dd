"""Every saved or published unit is recorded, whoever saved it: the admin, an import, load_content or a script."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published

from portal.translations import states, units


def _record_page(sender, instance, **kwargs):
    if units.kind_of(instance) is not None:
        states.record(instance)


def _record_unit(sender, instance, raw=False, **kwargs):
    if not raw:
        states.record(instance)


def _record_parent(relation):
    def handler(sender, instance, raw=False, **kwargs):
        parent = getattr(instance, relation.remote_field.name, None)
        if not raw and parent is not None and parent.pk:
            states.record(parent)

    return handler


def _forget(sender, instance, **kwargs):
    states.forget(instance)


def connect():
    page_published.connect(_record_page, dispatch_uid="translations-record-page")
    for kind in units.kinds():
        if issubclass(kind.model, Page):
            post_delete.connect(_forget, sender=kind.model, dispatch_uid=f"translations-forget-{kind.name}")
            continue
        post_save.connect(_record_unit, sender=kind.model, dispatch_uid=f"translations-record-{kind.name}")
        post_delete.connect(_forget, sender=kind.model, dispatch_uid=f"translations-forget-{kind.name}")
        for relation, _fields in kind.children:
            field = kind.model._meta.get_field(relation)
            handler = _record_parent(field)
            post_save.connect(
                handler, sender=field.related_model, weak=False, dispatch_uid=f"translations-child-{kind.name}"
            )
