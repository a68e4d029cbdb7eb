"""sitemap.xml: the index, every fact-check page and every speaker page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from claims import selectors


class IndexSitemap(Sitemap):
    """The index of fact-checks."""

    changefreq = "daily"

    def items(self):
        return ["public:index"]

    def location(self, item) -> str:
        return reverse(item)

    def lastmod(self, item):
        return selectors.public_last_modified()


class FactCheckSitemap(Sitemap):
    """One entry per published verdict."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return selectors.public_claims().only("id", "updated_at").order_by("id")

    def location(self, item) -> str:
        return reverse("public:factcheck", args=[item.pk])

    def lastmod(self, item):
        return item.verdict_published_at


class SpeakerSitemap(Sitemap):
    """One entry per speaker with a published verdict."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return selectors.public_speakers().only("id")

    def location(self, item) -> str:
        return reverse("public:speaker", args=[item.pk])

    def lastmod(self, item):
        return item.latest_verdict_at


SITEMAPS = {"index": IndexSitemap, "factchecks": FactCheckSitemap, "speakers": SpeakerSitemap}
