"""Deleting and correcting claims, links, citations, sources and waiting verdicts."""

import pytest
from django.core.exceptions import ValidationError

from claims import workflow
from claims.choices import ClaimStatus, Rating, RelationType, ReviewStatus, Stance
from claims.exceptions import RoleRequired, StillInUse, TransitionNotAllowed
from claims.models import Citation, Claim, ClaimRelation, Source
from claims.services import editing
from tests.factories import CitationFactory, ClaimFactory, ClaimRelationFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_proposal_can_be_deleted_with_its_links_and_citations(editor):
    relation = ClaimRelationFactory()
    CitationFactory(claim=relation.target)
    editing.claim_delete(claim=relation.target, user=editor)
    assert not Claim.objects.filter(pk=relation.target_id).exists()
    assert not ClaimRelation.objects.exists()
    assert not Citation.objects.exists()


def test_a_claim_with_review_work_cannot_be_deleted(editor, reviewer):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, assignee=reviewer)
    with pytest.raises(StillInUse, match="reject it instead"):
        editing.claim_delete(claim=claim, user=editor)
    accepted_with_verdict = ReviewFactory(claim=ClaimFactory(status=ClaimStatus.ACCEPTED)).claim
    with pytest.raises(StillInUse):
        editing.claim_delete(claim=accepted_with_verdict, user=editor)
    assert Claim.objects.count() == 2


def test_only_editors_delete_annotators_reject(annotator, reviewer):
    claim, source = ClaimFactory(), SourceFactory()
    for user in (annotator, reviewer):
        with pytest.raises(RoleRequired, match="editor"):
            editing.claim_delete(claim=claim, user=user)
        with pytest.raises(RoleRequired, match="editor"):
            editing.source_delete(source=source, user=user)
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_link_changes_type_and_note_but_never_into_a_duplicate(annotator):
    relation = ClaimRelationFactory(relation_type=RelationType.REBUTS)
    updated = editing.claim_relation_update(
        relation=relation, user=annotator, relation_type=RelationType.DENIES, note="  flat denial "
    )
    assert (updated.relation_type, updated.note) == ("denies", "flat denial")
    ClaimRelationFactory(source=relation.source, target=relation.target, relation_type=RelationType.REBUTS)
    with pytest.raises(ValidationError, match="already linked"):
        editing.claim_relation_update(relation=relation, user=annotator, relation_type=RelationType.REBUTS)
    with pytest.raises(ValidationError):
        editing.claim_relation_update(relation=relation, user=annotator, source=relation.target)


def test_a_citation_changes_stance_and_excerpt(annotator):
    citation = CitationFactory(stance=Stance.SUPPORTS)
    updated = editing.citation_update(citation=citation, user=annotator, stance=Stance.CONTEXT, excerpt=" Table 2 ")
    assert (updated.stance, updated.excerpt) == ("context", "Table 2")
    with pytest.raises(ValidationError):
        editing.citation_update(citation=citation, user=annotator, stance="neutral")


def test_a_cited_source_is_kept_until_its_citations_go(editor):
    citation = CitationFactory()
    with pytest.raises(StillInUse, match="cited by 1 claim"):
        editing.source_delete(source=citation.source, user=editor)
    editing.citation_delete(citation=citation, user=editor)
    editing.source_delete(source=citation.source, user=editor)
    assert not Source.objects.exists()


def test_the_author_revises_a_waiting_verdict_and_nobody_else_does(reviewer, second_reviewer, editor):
    review = ReviewFactory(
        claim=ClaimFactory(status=ClaimStatus.REVIEWED, assignee=reviewer),
        author=reviewer,
        status=ReviewStatus.SUBMITTED,
    )
    revised = workflow.review_revise(review=review, user=reviewer, rating=Rating.FALSE, summary="Growth fell.")
    assert (revised.rating, revised.summary, revised.status) == ("false", "Growth fell.", "submitted")
    for other in (second_reviewer, editor):
        with pytest.raises(RoleRequired, match="author"):
            workflow.review_revise(review=review, user=other, summary="Mine now.")
    with pytest.raises(ValidationError):
        workflow.review_revise(review=review, user=reviewer, summary="   ")


def test_a_published_verdict_is_not_revised_in_place(reviewer):
    review = ReviewFactory(author=reviewer, status=ReviewStatus.PUBLISHED, claim=ClaimFactory(status="published"))
    with pytest.raises(TransitionNotAllowed):
        workflow.review_revise(review=review, user=reviewer, summary="Quietly changed.")


def test_withdrawing_a_verdict_returns_the_claim_to_review(reviewer):
    claim = ClaimFactory(status=ClaimStatus.REVIEWED, assignee=reviewer)
    review = ReviewFactory(claim=claim, author=reviewer, status=ReviewStatus.SUBMITTED)
    workflow.review_withdraw(review=review, user=reviewer)
    claim.refresh_from_db()
    review.refresh_from_db()
    assert (claim.status, review.status) == ("in_review", "withdrawn")
