"""Every text of a referral page is translated; slug, kind, categories and chapters are shared."""

from modeltranslation.translator import TranslationOptions, register

from portal.referrals.models import ReferralPage
from portal.translations import units

TEXTS = ("title", "summary", "say", "avoid", "steps", "share_title", "share_description", "translation_state")


@register(ReferralPage)
class ReferralPageTR(TranslationOptions):
    fields = TEXTS


units.register(
    units.Kind(
        "referral",
        "Referral page",
        ReferralPage,
        tuple(name for name in TEXTS if name != "translation_state"),
        position=4,
    )
)
