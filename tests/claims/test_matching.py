"""Claim matching: candidates across articles, the two thresholds, reviewer decisions that stick, and the
ClaimReview listing every confirmed appearance. Also the labelled pairs' precision and recall."""

import datetime as dt

import pytest
from django.db import connection, transaction

from bench.matching import evaluate, lowest_candidate_overlap
from claims.choices import MatchState, RelationType, ReviewStatus
from claims.exceptions import RoleRequired
from claims.exports.claimreview import claimreview_document
from claims.matching import CANDIDATE_OVERLAP, LOW_THRESHOLD, match_score
from claims.models import ClaimMatch, ClaimRelation
from claims.selectors import (
    claim_appearances,
    claim_matched_claims,
    claim_matches,
    claim_other_article_count,
    claim_with_published_review,
)
from claims.services import matching
from claims.services.matching import (
    claim_match_candidate_rows,
    claim_match_candidates,
    claim_match_confirm,
    claim_match_dismiss,
    claim_matches_refresh,
)
from tests.data.claim_pairs import PAIRS
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_labelled_pairs_keep_their_precision_and_recall():
    results = evaluate()
    low_precision, low_recall, *_ = results["low"]
    high_precision, high_recall, *_ = results["high"]
    assert high_precision == 1.0  # nothing is confirmed automatically that is not the same claim
    assert high_recall >= 0.9 and low_recall >= 0.9 and low_precision >= 0.8
    assert len(PAIRS) >= 50 and 0.4 <= sum(same for *_, same in PAIRS) / len(PAIRS) <= 0.6
    assert lowest_candidate_overlap() >= CANDIDATE_OVERLAP


def test_the_index_finds_every_labelled_same_claim_both_ways_round():
    """The candidate lookup (not only the score) must not lose a pair that is the same claim."""
    for first, second, _, same in PAIRS:
        if not same:
            continue
        a, b = claim_in(first), claim_in(second)
        found_from_a = {pk for pk, _ in claim_match_candidate_rows(text=a.text, article_id=a.article_id)}
        found_from_b = {pk for pk, _ in claim_match_candidate_rows(text=b.text, article_id=b.article_id)}
        assert b.pk in found_from_a and a.pk in found_from_b, (first, second)
        if match_score(first, second) >= LOW_THRESHOLD:  # and the ranking keeps it to be scored
            assert [other.pk for other, _ in claim_match_candidates(claim=a)] == [b.pk], (first, second)
            assert [other.pk for other, _ in claim_match_candidates(claim=b)] == [a.pk], (first, second)
        a.delete(), b.delete()


def test_the_candidate_query_is_served_by_its_index():
    claim_in("The tram line will reach the airport by next summer.")
    params = {"probe": [12345, 678], "article": 0, "rejected": "rejected", "rows": 10}
    with transaction.atomic(), connection.cursor() as cursor:
        # A table this small is cheaper to scan: forbid that, so the plan shows whether the index can serve it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + matching._CANDIDATES_SQL, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_match_shingles_gin" in plan, plan


def test_a_lookup_out_of_time_gives_up_and_leaves_the_transaction_as_it_was():
    text = " ".join(f"word{i} and more" for i in range(60_000))  # a pathological claim
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '7s'")
        assert claim_match_candidate_rows(text=text, article_id=None, timeout_ms=1) is None
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "7s"  # neither the bound nor an aborted transaction is left behind
        assert claim_match_candidate_rows(text="The tram line will reach the airport.", article_id=None) == []
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "7s"


def test_new_words_drop_a_suggestion_that_no_longer_fits_but_keep_a_decision(annotator, mayor):
    original = claim_in("The swimming pool will reopen in June after repairs.", speaker=mayor)
    reported = claim_in("The swimming pool will reopen in June after repairs", speaker=SpeakerFactory())
    dismissed = claim_in("the swimming pool will reopen in June after repairs", speaker=SpeakerFactory())
    claim_matches_refresh(claim=original)
    claim_match_dismiss(match=ClaimMatch.objects.get(other=dismissed), user=annotator)
    assert ClaimMatch.objects.count() == 2

    original.text = "Council tax will rise by four per cent in April."
    original.save(update_fields=["text"])
    assert claim_matches_refresh(claim=original) == [ClaimMatch.objects.get(other=dismissed)]
    assert not ClaimMatch.objects.filter(other=reported).exists()
    assert ClaimMatch.objects.get(other=dismissed).state == MatchState.DISMISSED


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
