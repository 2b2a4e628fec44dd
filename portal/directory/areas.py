"""Belgium's regions and provinces (ISO 3166-2:BE codes), and the 4-digit postcode ranges that map to them.

A service covers areas; a reader picks an area or types a postcode. A service for Flanders matches a
reader in Gent, and a service for all of Belgium matches everyone.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    code: str
    name: object  # a lazy translation
    parent: str | None


AREAS = {
    area.code: area
    for area in (
        Area("BE", _("All of Belgium"), None),
        Area("BE-VLG", _("Flanders"), "BE"),
        Area("BE-BRU", _("Brussels"), "BE"),
        Area("BE-WAL", _("Wallonia"), "BE"),
        Area("BE-VAN", _("Antwerp (province)"), "BE-VLG"),
        Area("BE-VBR", _("Flemish Brabant"), "BE-VLG"),
        Area("BE-VLI", _("Limburg"), "BE-VLG"),
        Area("BE-VOV", _("East Flanders"), "BE-VLG"),
        Area("BE-VWV", _("West Flanders"), "BE-VLG"),
        Area("BE-WBR", _("Walloon Brabant"), "BE-WAL"),
        Area("BE-WHT", _("Hainaut"), "BE-WAL"),
        Area("BE-WLG", _("Liège (province)"), "BE-WAL"),
        Area("BE-WLX", _("Luxembourg (province)"), "BE-WAL"),
        Area("BE-WNA", _("Namur (province)"), "BE-WAL"),
    )
}
AREA_CHOICES = [(code, code) for code in AREAS]

# bpost's ranges: the first digits of a postcode tell the province (Brussels is a region of its own).
POSTCODE_RANGES = (
    (1000, 1299, "BE-BRU"),
    (1300, 1499, "BE-WBR"),
    (1500, 1999, "BE-VBR"),
    (2000, 2999, "BE-VAN"),
    (3000, 3499, "BE-VBR"),
    (3500, 3999, "BE-VLI"),
    (4000, 4999, "BE-WLG"),
    (5000, 5999, "BE-WNA"),
    (6000, 6599, "BE-WHT"),
    (6600, 6999, "BE-WLX"),
    (7000, 7999, "BE-WHT"),
    (8000, 8999, "BE-VWV"),
    (9000, 9999, "BE-VOV"),
)


def for_postcode(postcode: str) -> Area | None:
    """The province (or Brussels) of a Belgian postcode, or None when it is not one."""
    if len(postcode) != 4 or not postcode.isascii() or not postcode.isdigit():
        return None
    number = int(postcode)
    for low, high, code in POSTCODE_RANGES:
        if low <= number <= high:
            return AREAS[code]
    return None


def ancestors(code: str) -> list[str]:
    """The area and every area that contains it, up to Belgium."""
    chain = []
    while code:
        chain.append(code)
        code = AREAS[code].parent
    return chain


def matching(code: str) -> list[str]:
    """Service areas that serve a reader who chose `code`: the area, what contains it, and what it contains."""
    inside = [other for other in AREAS if code in ancestors(other)]
    return sorted(set(ancestors(code)) | set(inside))
