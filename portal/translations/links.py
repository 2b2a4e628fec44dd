"""Where an editor goes to change a unit in one language."""

from urllib.parse import urlencode

from wagtail.admin.admin_url_finder import AdminURLFinder


def edit_url(unit, code: str | None = None, user=None) -> str | None:
    """The unit's admin edit form; with `code`, opened at that language (`?lang=`, read by the form's script)."""
    url = AdminURLFinder(user).get_edit_url(unit)
    if url and code:
        url = f"{url}?{urlencode({'lang': code})}"
    return url
