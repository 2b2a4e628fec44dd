from django.core.management.base import BaseCommand

from portal.search import indexing


class Command(BaseCommand):
    help = "Rebuild the public search index (every item in every language) from scratch."

    def handle(self, *args, **options):
        count = indexing.rebuild()
        self.stdout.write(f"search index: {count} entries")
