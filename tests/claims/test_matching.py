"""Claim matching: candidates across articles, the two thresholds, reviewer decisions that stick, and the
ClaimReview listing every confirmed appearance. Also the labelled pairs' precision and recall."""

import datetime as dt

import pytest

from bench.matching import evaluate
from claims.choices import MatchState, RelationType, ReviewStatus
from claims.exceptions import RoleRequired
from claims.exports.claimreview import claimreview_document
from claims.models import ClaimMatch, ClaimRelation
from claims.selectors import (
    claim_appearances,
    claim_matched_claims,
    claim_matches,
    claim_other_article_count,
    claim_with_published_review,
)
from claims.services.matching import claim_match_confirm, claim_match_dismiss, claim_matches_refresh
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_labelled_pairs_keep_their_precision_and_recall():
    results = evaluate()
    low_precision, low_recall, *_ = results["low"]
    high_precision, high_recall, *_ = results["high"]
    assert high_precision == 1.0  # nothing is confirmed automatically that is not the same claim
    assert high_recall >= 0.85 and low_recall >= 0.9 and low_precision >= 0.8


def claim_in(text, *, speaker=None, published=None):
    article = ArticleFactory(body=f"Someone said: “{text}” Then they left.", published=published)
    start = article.body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), speaker=speaker)


@pytest.fixture
def mayor():
    return SpeakerFactory(name="Dana Whitfield")


def test_same_speaker_repeating_the_words_is_confirmed_as_a_repeat(mayor):
    first = claim_in(
        "The tram line will reach the airport by next summer.", speaker=mayor, published=dt.date(2026, 1, 5)
    )
    again = claim_in(
        "The tram line will reach the airport by next summer.", speaker=mayor, published=dt.date(2026, 2, 9)
    )
    [match] = claim_matches_refresh(claim=again)
    assert match.state == MatchState.CONFIRMED and match.automatic and match.same_speaker
    relation = ClaimRelation.objects.get(relation_type=RelationType.REPEATS)
    assert (relation.source_id, relation.target_id) == (again.pk, first.pk)  # the later repeats the earlier
    assert claim_other_article_count(claim=first) == 1


def test_other_speakers_repeating_or_paraphrasing_are_only_suggested(mayor):
    original = claim_in("The tram line will reach the airport by next summer.", speaker=mayor)
    reported = claim_in("the tram line will reach the airport by next summer", speaker=SpeakerFactory())
    paraphrase = claim_in(
        "By next summer the tram line will reach the airport, and the stadium too.", speaker=SpeakerFactory()
    )
    different = claim_in("The tram line will never reach the airport.", speaker=mayor)
    claim_matches_refresh(claim=original)
    states = {view.other.pk: view.match.state for view in claim_matches(claim=original)}
    assert states[reported.pk] == MatchState.SUGGESTED
    assert states[paraphrase.pk] == MatchState.SUGGESTED
    assert different.pk not in states
    assert not ClaimRelation.objects.exists()


def test_a_dismissal_is_remembered_and_a_confirmation_links(annotator, viewer, mayor):
    original = claim_in("Council tax will be frozen for two more years.", speaker=mayor)
    reported = claim_in("Council tax will be frozen for two more years", speaker=SpeakerFactory())
    [match] = claim_matches_refresh(claim=original)
    with pytest.raises(RoleRequired):
        claim_match_dismiss(match=match, user=viewer)
    claim_match_dismiss(match=match, user=annotator)
    claim_matches_refresh(claim=reported)
    claim_matches_refresh(claim=original)
    assert ClaimMatch.objects.get().state == MatchState.DISMISSED
    assert claim_matches(claim=original) == []
    claim_match_confirm(match=match, user=annotator)
    assert ClaimRelation.objects.filter(relation_type=RelationType.REPEATS).count() == 1


def test_claimreview_lists_every_confirmed_appearance_earliest_first(annotator, mayor):
    text = "Bus fares will be capped at two pounds."
    later = claim_in(text, speaker=mayor, published=dt.date(2026, 3, 1))
    earlier = claim_in(text, speaker=SpeakerFactory(), published=dt.date(2026, 1, 1))
    [match] = claim_matches_refresh(claim=later)
    claim_match_confirm(match=match, user=annotator)
    ReviewFactory(claim=later, status=ReviewStatus.PUBLISHED)
    assert [c.pk for c in claim_matched_claims(claim=later)] == [earlier.pk, later.pk]
    document = claimreview_document(
        claim=claim_with_published_review(claim_id=later.pk),
        public_url="https://x.example/r",
        appearances=claim_appearances(claim=later),
        article_url="https://x.example/a",
    )
    item = document["itemReviewed"]
    assert [a["headline"] for a in item["appearance"]] == [earlier.article.headline, later.article.headline]
    assert item["firstAppearance"]["datePublished"] == "2026-01-01"
