"""Read the referral-page seed (content/seed/referrals/: pages.json with the shared facts, <lang>.json with the
text of one language) and write it, keeping every field an editor changed (the brochure's SeedWriter)."""

import json
from pathlib import Path

from content.loading import SeedInvalid, SeedWriter
from portal import languages
from portal.directory.taxonomy import CATEGORIES
from portal.referrals.models import KINDS, RESERVED_SLUGS, ReferralPage

LIST_FIELDS = ("say", "avoid", "steps")
TEXT_FIELDS = ("title", "summary", *LIST_FIELDS, "share_title", "share_description")
STATES = {"source", "unreviewed", "reviewed"}


def _read(path: Path, errors: list):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        errors.append(f"{path.name}: cannot be read ({error})")
        return None


def read(folder: Path) -> tuple[list, dict]:
    errors = []
    structure = _read(folder / "pages.json", errors) or []
    slugs = [entry.get("slug") for entry in structure]
    for entry in structure:
        where = f"pages.json: {entry.get('slug')!r}"
        if entry.get("kind") not in dict(KINDS):
            errors.append(f"{where}: kind must be one of {sorted(dict(KINDS))}")
        for category in entry.get("service_categories") or []:
            if category not in CATEGORIES:
                errors.append(f"{where}: unknown service category {category!r}")
    texts = {}
    for code in languages.CODES:
        path = folder / f"{code}.json"
        if not path.exists():
            continue
        text = _read(path, errors)
        if text is None:
            continue
        if text.get("translation_state") not in STATES:
            errors.append(f"{path.name}: translation_state must be one of {sorted(STATES)}")
        for slug in slugs:
            page = (text.get("pages") or {}).get(slug)
            if not isinstance(page, dict):
                errors.append(f"{path.name}: page {slug!r} is missing")
                continue
            for name in TEXT_FIELDS:
                value = page.get(name)
                wanted = list if name in LIST_FIELDS else str
                if not isinstance(value, wanted) or (wanted is list and not all(isinstance(v, str) for v in value)):
                    errors.append(
                        f"{path.name}: {slug}.{name} must be {'a list of texts' if wanted is list else 'text'}"
                    )
        texts[code] = text
    if languages.DEFAULT not in texts:
        errors.append(f"{languages.DEFAULT}.json: the English source is missing")
    else:  # side by side lines items up by position: every language has as many as English
        source = texts[languages.DEFAULT]["pages"]
        for code, text in texts.items():
            for slug, page in (text.get("pages") or {}).items():
                for name in LIST_FIELDS:
                    if (
                        slug in source
                        and isinstance(page.get(name), list)
                        and len(page[name]) != len(source[slug][name])
                    ):
                        errors.append(
                            f"{code}.json: {slug}.{name} has {len(page[name])} items, English has "
                            f"{len(source[slug][name])}"
                        )
    if errors:
        raise SeedInvalid(errors)
    return structure, texts


def load(folder: Path) -> dict:
    from content import chapters

    structure, texts = read(folder)
    taken = [e["slug"] for e in structure if e["slug"] in RESERVED_SLUGS or chapters.live_chapter(slug=e["slug"])]
    # A slug an editor has since given to another page is taken too.
    taken += [
        e["slug"] for e in structure if ReferralPage.objects.filter(slug=e["slug"]).exclude(seed_key=e["slug"]).exists()
    ]
    if taken:
        raise SeedInvalid([f"pages.json: {slug!r} is already the address of a chapter or a tool" for slug in taken])
    stats = {"created": 0, "written": 0, "kept": 0}
    for position, entry in enumerate(structure):
        page = ReferralPage.objects.filter(seed_key=entry["slug"]).first()
        fresh = page is None
        if fresh:
            english = texts[languages.DEFAULT]["pages"][entry["slug"]]
            page = ReferralPage(slug=entry["slug"], seed_key=entry["slug"], title_en=english["title"])
            page.save()
            stats["created"] += 1
        writer = SeedWriter(page, f"referrals:{entry['slug']}", stats, fresh=fresh, save=lambda item: item.save())
        writer.set("kind", entry["kind"])
        writer.set("position", position * 10)
        writer.set("service_categories", list(entry.get("service_categories") or []))
        writer.set("chapters", list(entry.get("chapters") or []))
        for code, text in texts.items():
            writer.set_translation(code, text["pages"][entry["slug"]], TEXT_FIELDS, text["translation_state"])
        writer.save()
    return stats
