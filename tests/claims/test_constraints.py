"""The database itself refuses rows that break the domain's invariants."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from claims.choices import SpeakerKind
from claims.models import Claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ReviewFactory,
    SpeakerFactory,
    SpeakerRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_claim_span_must_start_before_it_ends():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(end=claim.start)


def test_claim_span_is_unique_per_article():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article)


def test_claim_status_outside_the_workflow_is_refused():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="archived")


def test_relation_never_links_a_claim_to_itself():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelationFactory(source=claim, target=claim)


def test_relation_is_unique_per_source_target_and_type():
    relation = ClaimRelationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelationFactory(source=relation.source, target=relation.target, relation_type="rebuts")
    ClaimRelationFactory(source=relation.source, target=relation.target, relation_type="denies")


def test_article_content_hash_is_unique():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash=article.content_hash)


def test_deleting_an_article_with_claims_is_refused():
    claim = ClaimFactory()
    with pytest.raises(ProtectedError):
        claim.article.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_deleting_a_speaker_with_claims_is_refused():
    claim = ClaimFactory()
    with pytest.raises(ProtectedError):
        claim.speaker.delete()
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_speaker_kind_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(kind="alien")
    assert SpeakerFactory(kind=SpeakerKind.SPOKESPERSON).pk


def test_role_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerRoleFactory(start_date="2020-01-01", end_date="2019-01-01")


def test_only_one_open_review_per_claim():
    review = ReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(claim=review.claim)


def test_a_verdict_is_never_approved_by_its_author():
    author = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(author=author, approved_by=author)
