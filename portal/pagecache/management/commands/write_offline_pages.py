"""The page nginx shows when no application server answers at all: the 503 page, one file per language, written
beside the static files (STATIC_ROOT/offline/<code>.html) so that it needs nothing but nginx."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import RequestFactory

from portal import languages
from portal.views import database_unavailable


class Command(BaseCommand):
    help = "Write STATIC_ROOT/offline/<language>.html for nginx's error_page (run after collectstatic)."

    def handle(self, *args, **options):
        folder = settings.STATIC_ROOT / "offline"
        folder.mkdir(parents=True, exist_ok=True)
        factory = RequestFactory()
        for code in languages.CODES:
            response = database_unavailable(factory.get(f"/{code}/"))
            (folder / f"{code}.html").write_bytes(response.content)
        self.stdout.write(f"{len(languages.CODES)} offline pages in {folder}")
