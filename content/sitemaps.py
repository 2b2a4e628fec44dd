from django.contrib.sitemaps import Sitemap
from wagtail.models import Page


class ChapterSitemap(Sitemap):
    """Every live page in all 22 languages, each with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = False

    def items(self):
        return Page.objects.live().public().filter(depth__gte=2).order_by("path")

    def location(self, page):
        return page.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at
