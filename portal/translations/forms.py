"""The rules an admin edit follows, applied to the unit the form builds before it is saved (and, for a page, before
it becomes a revision, so a later edit does not bring an old state back):

- "minor edit" is unticked each time the form opens: a typo fix is a choice made for one save;
- a translation whose text changed is "translated, not reviewed" again, unless its state was set in the same save;
- a legal unit whose source text changed loses its lawyer's check, unless it is a minor edit or the check was entered
  in the same save.

Changes are found by comparing the texts before and after (Django's changed_data reports every StreamField as
changed, and the rich-text editor rewrites paragraphs' keys on each save).
"""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from portal import languages
from portal.translations import states, units


class TranslationRulesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "minor_edit" in self.fields:
            self.initial["minor_edit"] = False

    def _children_changed(self) -> set[str]:
        """Languages whose texts changed in the inline rows (a question's choices): plain fields, compared by Django."""
        kind = units.kind_of(self.instance)
        changed = set()
        for relation, fields in kind.children:
            formset = getattr(self, "formsets", {}).get(relation)
            for form in formset.forms if formset else ():
                names = set(form.changed_data)
                changed |= {code for code in languages.CODES for f in fields if units.localized(f, code) in names}
        return changed

    def _post_clean(self):
        unit = self.instance
        if units.kind_of(unit) is None:
            return super()._post_clean()
        before = {code: units.fingerprint(unit, code, with_children=False) for code in languages.CODES}
        stated = {code: getattr(unit, units.localized("translation_state", code)) for code in languages.CODES}
        checked = [getattr(unit, name, None) for name in units.LEGAL_CHECK_FIELDS]
        super()._post_clean()  # the unit now holds the form's values
        changed = self._children_changed() | {
            code for code in languages.CODES if units.fingerprint(unit, code, with_children=False) != before[code]
        }
        source = units.source_language(unit)
        for code in changed - {source}:
            state_field = units.localized("translation_state", code)
            if getattr(unit, state_field) == stated[code]:
                setattr(unit, state_field, states.UNREVIEWED)
        check_entered = [getattr(unit, name, None) for name in units.LEGAL_CHECK_FIELDS] != checked
        if source in changed and units.is_legal(unit) and not unit.minor_edit and not check_entered:
            unit.legal_checked_on, unit.legal_checked_by = None, ""


class TranslatedUnitForm(TranslationRulesMixin, WagtailAdminModelForm):
    pass


class TranslatedPageForm(TranslationRulesMixin, WagtailAdminPageForm):
    pass
