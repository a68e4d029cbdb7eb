"""Atom feed of the latest published verdicts."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims import selectors
from claims.models import Claim

FEED_SIZE = 50


class LatestFactChecksFeed(Feed):
    """The newest published verdicts, one entry per fact-check page."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.CLAIMREVIEW_PUBLISHER_NAME}: latest fact-checks"

    def link(self) -> str:
        return reverse("public:index")

    def subtitle(self) -> str:
        return "Published verdicts on claims made in the news."

    def items(self):
        return selectors.public_claim_list()[:FEED_SIZE]

    def item_title(self, item: Claim) -> str:
        review = item.published_reviews[0]
        return f"{review.get_rating_display()}: “{item.text}”"

    def item_description(self, item: Claim) -> str:
        return item.published_reviews[0].summary

    def item_link(self, item: Claim) -> str:
        return reverse("public:factcheck", args=[item.pk])

    def item_pubdate(self, item: Claim):
        return item.published_reviews[0].published_at

    def item_updateddate(self, item: Claim):
        return item.published_reviews[0].updated_at

    def item_author_name(self, item: Claim) -> str | None:
        return item.speaker.name if item.speaker else None
