"""Write the brochure seed into Wagtail pages: create what is missing, update what the loader itself
wrote before, and leave alone every field an editor has changed since (told apart by fingerprints)."""

import datetime
import hashlib
import json

from django.db import transaction
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from content import brochure_seed
from content.models import ChapterPage, HomePage, SeedFingerprint
from portal import languages

HOME_SLUG = "home"
SEED_ROOT = brochure_seed.SEED_DIR.parent


class SeedInvalid(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the seed files")


def _strip_ids(value):
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    return value


def fingerprint(value) -> str:
    if hasattr(value, "raw_data"):  # a StreamValue: compare content, not generated block ids
        value = list(value.raw_data)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")  # a browser's textarea sends CRLF: not an editor's change
    if isinstance(value, (list, dict)):
        value = json.dumps(_strip_ids(value), sort_keys=True, ensure_ascii=False)
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    return hashlib.sha256(str(value if value is not None else "").encode()).hexdigest()


class SeedWriter:
    """Applies seed values to one page (or model instance), field by field, respecting editors' changes."""

    def __init__(self, page, key_prefix, stats, fresh=False, save=None):
        self.page = page
        self.save_object = save or (lambda page: page.save_revision().publish())
        self.fresh = fresh  # created by this run: its default values are nobody's choice
        self.prefix = key_prefix
        self.stats = stats
        self.changed = False
        self.pending = []  # keys whose fingerprints are recorded after saving

    def set(self, attribute, new_value):
        key = f"{self.prefix}:{attribute}"
        current = getattr(self.page, attribute)
        record = SeedFingerprint.objects.filter(key=key).first()
        current_print = fingerprint(current)
        empty = self.fresh or current in (None, "", []) or (hasattr(current, "raw_data") and len(current) == 0)
        if not empty and (record is None or record.fingerprint != current_print):
            if current_print == fingerprint(new_value):
                self.pending.append(key)  # already what the seed says: adopt it
            else:
                self.stats["kept"] += 1  # written by an editor: theirs to keep
            return
        if current_print != fingerprint(new_value):
            setattr(self.page, attribute, new_value)
            self.changed = True
            self.stats["written"] += 1
        self.pending.append(key)

    def set_translation(self, code, values: dict, names, state):
        """One language's texts (a list becomes one item per line) and that language's translation state."""
        for name in names:
            value = values[name]
            self.set(build_localized_fieldname(name, code), "\n".join(value) if isinstance(value, list) else value)
        self.set(build_localized_fieldname("translation_state", code), state)

    def save(self):
        if self.changed:
            self.save_object(self.page)
            self.page.refresh_from_db()
        for key in self.pending:
            attribute = key.rsplit(":", 1)[1]
            SeedFingerprint.objects.update_or_create(
                key=key, defaults={"fingerprint": fingerprint(getattr(self.page, attribute))}
            )


def _localized(field, code):
    return build_localized_fieldname(field, code)


def _home_page(brochure, stats) -> tuple[HomePage, bool]:
    home = HomePage.objects.first()
    created = home is None
    if created:
        root = Page.get_first_root_node()
        # Wagtail's own placeholder "Welcome" page is replaced; an editor's page is never deleted.
        for placeholder in root.get_children().filter(slug=HOME_SLUG, content_type__model="page"):
            if not placeholder.get_children().exists():
                placeholder.delete()
        english = brochure.texts.get(languages.DEFAULT)
        title = english.home["title"] if english else "My rights"
        with translation.override(languages.DEFAULT):
            home = root.add_child(instance=HomePage(title=title, slug=HOME_SLUG))
        stats["created"] += 1
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="My rights")
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    return home, created


def _write_chapter(home, chapter, brochure, stats):
    page = ChapterPage.objects.child_of(home).filter(slug=chapter.slug).first()
    english = brochure.texts.get(languages.DEFAULT)
    created = page is None
    if created:
        title = english.chapters[chapter.slug]["title"] if english else chapter.slug
        with translation.override(languages.DEFAULT):
            page = home.add_child(instance=ChapterPage(title=title, slug=chapter.slug, icon=chapter.icon))
        stats["created"] += 1
    page = page.specific
    if page.has_unpublished_changes:
        stats["skipped_drafts"] += 1  # an editor is working on it: do not publish over their draft
        return
    writer = SeedWriter(page, f"page:{chapter.slug}", stats, fresh=created)
    writer.set("icon", chapter.icon)
    writer.set("is_legal", chapter.legal)
    writer.set("sources", chapter.sources)
    writer.set(
        "information_date",
        datetime.date.fromisoformat(chapter.information_date) if chapter.information_date else None,
    )
    for code, text in brochure.texts.items():
        values = text.chapters[chapter.slug]
        writer.set(_localized("title", code), values["title"])
        writer.set(_localized("summary", code), values["summary"])
        writer.set(_localized("body", code), brochure_seed.stream_data(chapter, values))
        writer.set(_localized("translation_state", code), text.state)
    writer.save()


def load_brochure(seed_dir=brochure_seed.SEED_DIR) -> dict:
    """Load the whole brochure, or nothing: any problem in any file raises SeedInvalid before a write."""
    brochure = brochure_seed.read(seed_dir)
    if brochure.errors:
        raise SeedInvalid(brochure.errors)
    stats = {"created": 0, "written": 0, "kept": 0, "skipped_drafts": 0}
    with transaction.atomic():
        home, created = _home_page(brochure, stats)
        writer = SeedWriter(home.specific, "page:home", stats, fresh=created)
        for code, text in brochure.texts.items():
            writer.set(_localized("title", code), text.home["title"])
            writer.set(_localized("intro", code), text.home["intro"])
        writer.save()
        for chapter in sorted(brochure.chapters, key=lambda c: c.order):
            _write_chapter(home, chapter, brochure, stats)
    return stats
