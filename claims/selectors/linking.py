"""Reads behind the workbench's link form: claims in any article found as a reviewer types. (The claims in
other articles a response may be answering come from `claims.selectors.counter`.)"""

from django.db.models import QuerySet

from claims.choices import ClaimStatus
from claims.models import Claim
from claims.selectors.search import claim_search

LINK_CANDIDATES = 10
_DEFERRED = ("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")


def _brief(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    return queryset.select_related("speaker", "article__outlet").defer(*_DEFERRED)


def claim_link_candidates(*, term: str, claim: Claim, limit: int = LINK_CANDIDATES) -> list[Claim]:
    """Claims in any article that `term` finds (text, a speaker's name, `#id`; the start of a word is enough),
    newest first, leaving out `claim` itself and claims rejected as not being claims.

    `claim_search` picks the index-served shape for the term, so a common word does not read every match.
    """
    found = claim_search(
        Claim.objects.exclude(pk=claim.pk).exclude(status=ClaimStatus.REJECTED), term, partial_words=True
    )
    return list(_brief(found).order_by("-id")[:limit])

