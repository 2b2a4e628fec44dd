from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content.sitemaps import ChapterSitemap
from portal import views
from portal.questionnaire import views as questionnaire_views
from portal.referrals import views as referral_views
from portal.safety import two_factor
from portal.safety import views as safety_views
from portal.search import views as search_views

urlpatterns = [
    path("", views.language_chooser, name="language_chooser"),
    path("exit/", safety_views.quick_exit, name="quick_exit"),
    path("admin/2fa/", two_factor.verify, name="two_factor_verify"),
    path("admin/2fa/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": ChapterSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("hsds/", include("portal.directory.api_urls")),
]

if settings.QUICK_EXIT_URL.startswith("/"):
    # Test and development only: a neutral local page for the quick exit to land on.
    urlpatterns.append(path(settings.QUICK_EXIT_URL.strip("/") + "/", safety_views.neutral_landing))

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("questionnaire/", questionnaire_views.questionnaire, name="questionnaire"),
    path("help/", include("portal.directory.urls")),
    path("referral/", include("portal.referrals.urls")),
    path("go/<int:number>/", referral_views.go, name="referral_go"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
