"""The reader's filters: a GET form, so a result list is one request and Back works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import languages
from portal.directory import areas, taxonomy


class FilterForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    area = forms.ChoiceField(label=_("Region or province"), required=False)
    category = forms.ChoiceField(label=_("Kind of help"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    attributes = forms.MultipleChoiceField(
        label=_("Only services that are"), required=False, widget=forms.CheckboxSelectMultiple
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    always_open = forms.BooleanField(label=_("Open day and night (24/7)"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All of Belgium"))] + [
            (code, area.name) for code, area in areas.AREAS.items() if code != "BE"
        ]
        self.fields["category"].choices = [("", _("All kinds of help"))] + list(taxonomy.CATEGORIES.items())
        self.fields["language"].choices = [("", _("Any language"))] + [
            (language.code, language.native_name) for language in languages.LANGUAGES
        ]
        self.fields["attributes"].choices = list(taxonomy.ATTRIBUTES.items())

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and areas.for_postcode(postcode) is None:
            raise forms.ValidationError(
                _("“%(postcode)s” is not a Belgian postcode. A Belgian postcode has 4 digits, for example 1000."),
                params={"postcode": postcode[:10]},
            )
        return postcode

    def filters(self) -> dict:
        """The filters that are valid; an invalid one is left out (and shown as an error), never guessed."""
        data = getattr(self, "cleaned_data", {})
        postcode = data.get("postcode")
        area = areas.for_postcode(postcode).code if postcode else data.get("area") or None
        return {
            "area": area,
            "category": data.get("category") or None,
            "language": data.get("language") or None,
            "attributes": data.get("attributes") or [],
            "open_now": bool(data.get("open_now")),
            "always_open": bool(data.get("always_open")),
        }
