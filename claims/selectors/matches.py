"""Reads about claim matches: a claim's candidates with their verdicts, and every confirmed appearance."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from claims.choices import MatchState, Rating, ReviewStatus
from claims.models import Claim, ClaimMatch, Review


@dataclass(frozen=True)
class MatchView:
    """One match seen from one of its claims: the other claim, the score, the state, its published verdict."""

    match: ClaimMatch
    other: Claim
    verdict: Review | None


def claim_matches(
    *, claim: Claim, states: tuple[str, ...] = (MatchState.SUGGESTED, MatchState.CONFIRMED)
) -> list[MatchView]:
    """The claim's matches in the given states, best score first, each with the other claim's verdict."""
    published = Prefetch(
        "reviews", queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED), to_attr="published_reviews"
    )
    other_claims = (
        Claim.objects.select_related("speaker", "article__outlet")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")
        .prefetch_related(published)
    )
    matches = (
        ClaimMatch.objects.filter(Q(claim=claim) | Q(other=claim), state__in=states)
        .prefetch_related(Prefetch("claim", queryset=other_claims), Prefetch("other", queryset=other_claims))
        .order_by("-score", "id")
    )
    views = []
    for match in matches:
        other = match.other if match.claim_id == claim.pk else match.claim
        reviews = other.published_reviews
        views.append(MatchView(match=match, other=other, verdict=reviews[0] if reviews else None))
    return views


def claim_other_article_count(*, claim: Claim) -> int:
    """In how many other articles the claim appears (confirmed matches)."""
    confirmed = ClaimMatch.objects.filter(Q(claim=claim) | Q(other=claim), state=MatchState.CONFIRMED)
    ids = {pk for pair in confirmed.values_list("claim_id", "other_id") for pk in pair} - {claim.pk}
    return Claim.objects.filter(pk__in=ids).exclude(article_id=claim.article_id).values("article_id").distinct().count()


def claim_matched_claims(*, claim: Claim) -> list[Claim]:
    """The claim and every claim confirmed as the same one, with their articles, earliest first."""
    confirmed = ClaimMatch.objects.filter(Q(claim=claim) | Q(other=claim), state=MatchState.CONFIRMED)
    ids = {pk for pair in confirmed.values_list("claim_id", "other_id") for pk in pair} | {claim.pk}
    claims = list(
        Claim.objects.filter(pk__in=ids)
        .select_related("article__outlet")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")
    )
    return sorted(
        claims, key=lambda c: (c.article.published or c.article.created_at.date(), c.article.created_at, c.pk)
    )


@dataclass(frozen=True)
class MatchSummary:
    """What a workbench card says about a claim's matches elsewhere."""

    other_articles: int
    suggested: int
    verdicts: tuple[str, ...]


def article_match_summaries(*, article_id: int) -> dict[int, MatchSummary]:
    """For each claim of the article that has matches: in how many other articles it is confirmed, how many
    matches wait for a reviewer, and the verdicts published on matching claims. Three queries in all."""
    pairs = list(
        ClaimMatch.objects.filter(Q(claim__article_id=article_id) | Q(other__article_id=article_id))
        .exclude(state=MatchState.DISMISSED)
        .values_list("claim_id", "claim__article_id", "other_id", "other__article_id", "state")
    )
    if not pairs:
        return {}
    by_claim: dict[int, list[tuple[int, int, str]]] = {}
    for claim_id, claim_article, other_id, other_article, state in pairs:
        if claim_article == article_id:
            by_claim.setdefault(claim_id, []).append((other_id, other_article, state))
        if other_article == article_id:
            by_claim.setdefault(other_id, []).append((claim_id, claim_article, state))
    others = {other for entries in by_claim.values() for other, _, _ in entries}
    ratings: dict[int, list[str]] = {}
    for claim_id, rating in Review.objects.filter(claim_id__in=others, status=ReviewStatus.PUBLISHED).values_list(
        "claim_id", "rating"
    ):
        ratings.setdefault(claim_id, []).append(Rating(rating).label)
    return {
        claim_id: MatchSummary(
            other_articles=len({a for _, a, s in entries if s == MatchState.CONFIRMED and a != article_id}),
            suggested=sum(1 for _, _, s in entries if s == MatchState.SUGGESTED),
            verdicts=tuple(dict.fromkeys(r for other, _, _ in entries for r in ratings.get(other, []))),
        )
        for claim_id, entries in by_claim.items()
    }
