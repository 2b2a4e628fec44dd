"""The directory's small taxonomy: what kind of help (categories) and what a reader may need (attributes).

Keys are stable: they are HSDS taxonomy-term codes in the import/export files and the values in filter
URLs. The questionnaire's outcomes point to these categories.
"""

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "emergency": _("Emergency"),
    "helpline": _("Helplines"),
    "shelter": _("Shelter and crisis reception"),
    "legal-aid": _("Free legal help (pro deo lawyer)"),
    "migrant-advice": _("Advice on migration and residence"),
    "health": _("Medical help and sexual-violence care"),
    "psychological": _("Someone to talk to, psychological support"),
    "violence-support": _("Help for victims of violence, police"),
    "children": _("Children and young people"),
    "integration": _("Integration and language courses"),
    "social-welfare": _("Public social welfare centre (OCMW / CPAS)"),
    "work-income": _("Work and income"),
}

ATTRIBUTES = {
    "free": _("Free"),
    "anonymous": _("You do not have to give your name"),
    "no-papers-needed": _("Also without residence papers"),
    "women-only": _("For women"),
    "accompanies": _("Can go with you (police, Immigration Office, court)"),
    "interpreter": _("Interpreter available"),
    "wheelchair": _("Wheelchair accessible"),
}

# HSDS taxonomies (the `taxonomy` of a taxonomy_term) under which the keys above travel in files.
CATEGORY_TAXONOMY = "be-portal-category"
ATTRIBUTE_TAXONOMY = "be-portal-attribute"
PLACEMENT_TAXONOMY = "be-portal-placement"  # value = order among the national lines shown first
PROVENANCE_TAXONOMY = "be-portal-provenance"  # "source" (value = citation) and "unverified"

CATEGORY_CHOICES = [(key, key) for key in CATEGORIES]
ATTRIBUTE_CHOICES = [(key, key) for key in ATTRIBUTES]
