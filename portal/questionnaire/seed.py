"""Read the questionnaire seed (content/seed/questionnaire/) and write it into the database, all or nothing.

`tree.json` holds the structure (keys, targets, rules, grades, certainty, service categories); `<lang>.json` holds
the text of one language. Like the brochure, loading creates what is missing, updates what it wrote before and
keeps every field an editor changed since. After writing, the whole tree is validated; any error rolls it all back.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from content.loading import SeedInvalid, SeedWriter, fingerprint
from content.models import SeedFingerprint
from portal import languages
from portal.questionnaire import models, services, validation
from portal.questionnaire import tree as tree_module

SEED_DIR = Path(__file__).resolve().parents[2] / "content" / "seed" / "questionnaire"
GRADES = {key for key, _ in models.GRADES}
CERTAINTIES = {key for key, _ in models.CERTAINTIES}
STATES = {"source", "unreviewed", "reviewed"}
LIST_FIELDS = ("next_steps", "evidence")


@dataclass
class Seed:
    structure: dict
    texts: dict[str, dict] = field(default_factory=dict)  # language code -> file contents
    errors: list[str] = field(default_factory=list)


def _read_json(path: Path, errors: list[str]):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        errors.append(f"{path.name}: cannot be read ({error})")
        return None


def _check_structure(structure: dict, errors: list[str]) -> None:
    questions = structure.get("questions") or []
    outcome_keys = {o.get("key") for o in structure.get("outcomes") or []}
    question_keys = {q.get("key") for q in questions}
    for outcome in structure.get("outcomes") or []:
        where = f"tree.json: outcome {outcome.get('key')!r}"
        if outcome.get("grade") not in GRADES:
            errors.append(f"{where}: grade must be one of {sorted(GRADES)}")
        if outcome.get("certainty") not in CERTAINTIES:
            errors.append(f"{where}: certainty must be one of {sorted(CERTAINTIES)}")
        for category in outcome.get("services") or []:
            if category not in services.KEYS:
                errors.append(f"{where}: unknown service category {category!r}")
    choice_keys = {(q.get("key"), c.get("key")) for q in questions for c in q.get("choices") or []}
    for question in questions:
        rules = question.get("rules") or []
        targets = [(f"{question['key']}={c.get('key')}", c) for c in question.get("choices") or []]
        targets += [(f"{question['key']}, rule {number}", rule) for number, rule in enumerate(rules, 1)]
        for where, entry in targets:
            for kind, keys in (("question", question_keys), ("outcome", outcome_keys)):
                if entry.get(kind) and entry[kind] not in keys:
                    errors.append(f"tree.json: {where} leads to unknown {kind} {entry[kind]!r}")
        for number, rule in enumerate(rules, 1):
            for q, c in (rule.get("when") or {}).items():
                if (q, c) not in choice_keys:
                    errors.append(f"tree.json: {question['key']}, rule {number}: there is no answer {q}={c}")
    try:
        datetime.date.fromisoformat(structure.get("information_date", ""))
    except ValueError:
        errors.append("tree.json: information_date must be a date (YYYY-MM-DD)")


def _check_texts(code: str, structure: dict, text: dict, errors: list[str]) -> None:
    where = f"{code}.json"
    if text.get("language") != code:
        errors.append(f'{where}: "language" must be {code!r}')
    if text.get("translation_state") not in STATES:
        errors.append(f"{where}: translation_state must be one of {sorted(STATES)}")

    def need(value, path):
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{where}: {path} is missing or empty")

    for question in structure["questions"]:
        values = (text.get("questions") or {}).get(question["key"]) or {}
        need(values.get("text"), f"questions.{question['key']}.text")
        for choice in question["choices"]:
            choice_values = (values.get("choices") or {}).get(choice["key"]) or {}
            path = f"questions.{question['key']}.choices.{choice['key']}"
            need(choice_values.get("label"), f"{path}.label")
            if choice.get("note"):
                need(choice_values.get("note"), f"{path}.note")
    for outcome in structure["outcomes"]:
        values = (text.get("outcomes") or {}).get(outcome["key"]) or {}
        for name in ("title", "summary", "legal_basis"):
            need(values.get(name), f"outcomes.{outcome['key']}.{name}")
        for name in LIST_FIELDS:
            items = values.get(name)
            if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
                errors.append(f"{where}: outcomes.{outcome['key']}.{name} must be a list of non-empty lines")
            elif any("\n" in item for item in items):
                errors.append(f"{where}: outcomes.{outcome['key']}.{name}: one line per item")


def read(seed_dir: Path = SEED_DIR) -> Seed:
    errors: list[str] = []
    structure = _read_json(seed_dir / "tree.json", errors)
    if not isinstance(structure, dict):
        return Seed({}, errors=errors or ["tree.json: must be an object"])
    seed = Seed(structure, errors=errors)
    if not isinstance(structure.get("questions"), list) or not isinstance(structure.get("outcomes"), list):
        return Seed(structure, errors=[*errors, 'tree.json: needs a list of "questions" and of "outcomes"'])
    _check_structure(structure, errors)
    for code in languages.CODES:
        path = seed_dir / f"{code}.json"
        if not path.exists():
            if code == languages.DEFAULT:
                errors.append(f"{path.name}: the source language file is required")
            continue  # an absent language falls back, announced, and validation warns about it
        text = _read_json(path, errors)
        if isinstance(text, dict):
            _check_texts(code, structure, text, errors)
            seed.texts[code] = text
    return seed


def _writer(obj, prefix, stats, fresh):
    return SeedWriter(obj, prefix, stats, fresh=fresh, save=lambda o: o.save())


OUTCOME_TEXT_FIELDS = ("title", "summary", "legal_basis", "next_steps", "evidence")


def _write_outcomes(seed, stats, date):
    outcomes = {}
    for entry in seed.structure["outcomes"]:
        outcome = models.Outcome.objects.filter(key=entry["key"]).first()
        fresh = outcome is None
        if fresh:
            outcome = models.Outcome.objects.create(
                key=entry["key"], grade=entry["grade"], certainty=entry["certainty"], information_date=date
            )
            stats["created"] += 1
        writer = _writer(outcome, f"questionnaire:outcome:{entry['key']}", stats, fresh)
        writer.set("grade", entry["grade"])
        writer.set("certainty", entry["certainty"])
        writer.set("service_categories", list(entry.get("services") or []))
        writer.set("information_date", date)
        for code, text in seed.texts.items():
            writer.set_translation(code, text["outcomes"][entry["key"]], OUTCOME_TEXT_FIELDS, text["translation_state"])
        writer.save()
        outcomes[entry["key"]] = outcome
    return outcomes


def _target_ids(entry, questions, outcomes):
    return (
        questions[entry["question"]].pk if entry.get("question") else None,
        outcomes[entry["outcome"]].pk if entry.get("outcome") else None,
    )


def _write_rules(question, entries, questions, outcomes):
    """Rules are one list per question: replaced as a whole, unless an editor changed the list."""
    key = f"questionnaire:question:{question.key}:rules"

    def current():
        return [[r.when, r.next_question_id, r.outcome_id] for r in question.rules.order_by("sort_order", "pk")]

    wanted = [
        [" ".join(f"{q}={c}" for q, c in e["when"].items()), *_target_ids(e, questions, outcomes)] for e in entries
    ]
    record = SeedFingerprint.objects.filter(key=key).first()
    existing = current()
    if existing and (record is None or record.fingerprint != fingerprint(existing)) and existing != wanted:
        return  # an editor's rules
    if existing != wanted:
        question.rules.all().delete()
        for position, (when, next_id, outcome_id) in enumerate(wanted):
            models.Rule.objects.create(
                question=question, when=when, next_question_id=next_id, outcome_id=outcome_id, sort_order=position
            )
    SeedFingerprint.objects.update_or_create(key=key, defaults={"fingerprint": fingerprint(current())})


def _write_questions(seed, stats, outcomes):
    questions, entries = {}, seed.structure["questions"]
    for position, entry in enumerate(entries):
        question = models.Question.objects.filter(key=entry["key"]).first()
        fresh = question is None
        if fresh:
            question = models.Question.objects.create(key=entry["key"], position=position * 10)
            stats["created"] += 1
        writer = _writer(question, f"questionnaire:question:{entry['key']}", stats, fresh)
        writer.set("position", position * 10)
        for code, text in seed.texts.items():
            values = text["questions"][entry["key"]]
            writer.set(build_localized_fieldname("text", code), values["text"])
            writer.set(build_localized_fieldname("help", code), values.get("help", ""))
            writer.set(build_localized_fieldname("translation_state", code), text["translation_state"])
        writer.save()
        questions[entry["key"]] = question
    for entry in entries:
        question = questions[entry["key"]]
        for position, choice_entry in enumerate(entry["choices"]):
            choice = question.choices.filter(key=choice_entry["key"]).first()
            fresh = choice is None
            if fresh:
                choice = models.Choice.objects.create(question=question, key=choice_entry["key"], sort_order=position)
                stats["created"] += 1
            writer = _writer(choice, f"questionnaire:choice:{entry['key']}={choice_entry['key']}", stats, fresh)
            next_id, outcome_id = _target_ids(choice_entry, questions, outcomes)
            writer.set("next_question_id", next_id)
            writer.set("outcome_id", outcome_id)
            writer.set("urgent", bool(choice_entry.get("urgent")))
            writer.set("sort_order", position)
            for code, text in seed.texts.items():
                values = text["questions"][entry["key"]]["choices"][choice_entry["key"]]
                for name in ("label", "help", "note"):
                    writer.set(build_localized_fieldname(name, code), values.get(name, ""))
            writer.save()
        _write_rules(question, entry.get("rules") or [], questions, outcomes)


def load(seed_dir: Path = SEED_DIR) -> dict:
    """Load the questionnaire, or nothing: file problems and tree errors raise SeedInvalid, rolling back."""
    seed = read(seed_dir)
    if seed.errors:
        raise SeedInvalid(seed.errors)
    stats = {"created": 0, "written": 0, "kept": 0}
    date = datetime.date.fromisoformat(seed.structure["information_date"])
    with transaction.atomic():
        outcomes = _write_outcomes(seed, stats, date)
        _write_questions(seed, stats, outcomes)
        problems = validation.errors(validation.check(tree_module.load()))
        if problems:
            raise SeedInvalid([str(p) for p in problems])
    return stats
