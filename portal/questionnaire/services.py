"""Kinds of help service an outcome can point to. The help-service directory's categories should use these keys."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "legal-aid": _("Free legal help (pro deo lawyer)"),
    "violence-support": _("Help for victims of violence"),
    "shelter": _("Shelter"),
    "social-welfare": _("Public social welfare centre (OCMW / CPAS)"),
    "health": _("Medical help"),
    "migrant-advice": _("Advice on migration and residence"),
}
KEYS = tuple(LABELS)
CHOICES = [(key, key) for key in KEYS]
