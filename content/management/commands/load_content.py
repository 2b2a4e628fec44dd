from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.loading import SEED_ROOT, SeedInvalid, load_brochure
from portal.directory import interchange as directory_interchange
from portal.pagecache import store as page_cache
from portal.questionnaire import seed as questionnaire_seed
from portal.referrals import seed as referral_seed
from portal.translations import states as translation_states


class Command(BaseCommand):
    help = (
        "Load the seed content from content/seed/ (idempotent). Creates what is missing, updates what it wrote "
        "before, and never overwrites a field an editor changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed-dir", type=Path, default=SEED_ROOT, help="the seed folder (default: content/seed)")

    def handle(self, *args, seed_dir, **options):
        try:
            with transaction.atomic():  # all of it or nothing
                stats = load_brochure(seed_dir / "brochure")
                questionnaire = questionnaire_seed.load(seed_dir / "questionnaire")
                referrals = referral_seed.load(seed_dir / "referrals")
                # The same import as `manage.py import_hsds`; a service an editor changed since is kept.
                directory_file = seed_dir / "directory" / "services.json"
                directory = directory_interchange.import_records(
                    directory_interchange.parse_file(directory_file.read_bytes()), keep_newer=True
                )
                # Units never recorded (a site from before translation tracking): today's texts are the baseline.
                untracked = translation_states.record_untracked()
            # New seed text may be on any page: every cached page is forgotten (after the commit).
            transaction.on_commit(page_cache.purge_all)
        except (SeedInvalid, directory_interchange.ImportRefused) as invalid:
            problems = getattr(invalid, "errors", None) or invalid.problems
            for error in problems:
                self.stderr.write(f"  {error}")
            raise CommandError(f"Nothing was loaded: {len(problems)} problem(s) in {seed_dir}.") from None
        self.stdout.write(
            "brochure: {created} pages created, {written} fields written, {kept} fields kept as editors left them, "
            "{skipped_drafts} pages skipped because they have unpublished drafts".format(**stats)
        )
        self.stdout.write(
            "questionnaire: {created} questions, choices and outcomes created, {written} fields written, "
            "{kept} fields kept as editors left them".format(**questionnaire)
        )
        self.stdout.write(
            "referral pages: {created} created, {written} fields written, {kept} fields kept as editors left them".format(
                **referrals
            )
        )
        self.stdout.write(f"directory: {directory}")
        if untracked:
            self.stdout.write(f"translations: {untracked} units recorded for the first time")
