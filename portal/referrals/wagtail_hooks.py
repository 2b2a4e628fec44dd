from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.referrals.models import ReferralPage


class ReferralPageViewSet(SnippetViewSet):
    model = ReferralPage
    icon = "user"
    menu_label = "Referral pages"
    add_to_admin_menu = True
    list_display = ["title", "kind", "slug", "position"]
    search_fields = None


register_snippet(ReferralPageViewSet)
