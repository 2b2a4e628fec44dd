from django.core.management.base import BaseCommand

from portal.translations import catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po to .mo with polib (no system gettext needed)."

    def handle(self, *args, **options):
        written = catalogues.compile_all()
        self.stdout.write(f"compiled {len(written)} catalogues")
