"""Annotators' writes: claims, links, sources, citations and notes."""

import pytest
from django.core.exceptions import ValidationError

from claims.choices import ClaimKind, ClaimOrigin, ClaimStatus, RelationType, SourceType, Stance
from claims.exceptions import RoleRequired, TransitionNotAllowed
from claims.models import Citation, ClaimRelation
from claims.services import editing
from tests.factories import ArticleFactory, ClaimFactory, ResponseClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_claim_create_takes_text_and_context_from_the_article(annotator):
    article = ArticleFactory(body="Intro. She said: “Taxes will fall next year.” Then she left the room.")
    start = article.body.index("Taxes")
    end = article.body.index("”")

    claim = editing.claim_create(article=article, start=start, end=end, user=annotator, kind=ClaimKind.CLAIM)

    assert claim.text == "Taxes will fall next year."
    assert claim.prefix == article.body[:start][-32:]
    assert claim.suffix.startswith("” Then she left")
    assert claim.status == ClaimStatus.PROPOSED
    assert claim.origin == ClaimOrigin.MANUAL and claim.created_by == annotator


@pytest.mark.parametrize(("start", "end"), [(5, 5), (10, 4), (-1, 3), (0, 10_000), ("0", 4), (6, 7)])
def test_claim_create_refuses_a_bad_span(annotator, start, end):
    article = ArticleFactory(body="Intro. She said it.")  # 6..7 is the single space after "Intro."
    with pytest.raises(ValidationError):
        editing.claim_create(article=article, start=start, end=end, user=annotator)
    assert not article.claims.exists()


def test_claim_create_refuses_a_span_that_is_already_a_claim(annotator):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        editing.claim_create(article=claim.article, start=claim.start, end=claim.end, user=annotator)
    assert "start" in error.value.message_dict


def test_viewers_cannot_write(viewer):
    claim = ClaimFactory()
    with pytest.raises(RoleRequired):
        editing.claim_update(claim=claim, user=viewer, direct=False)
    with pytest.raises(RoleRequired):
        editing.note_create(claim=claim, user=viewer, body="Hello")
    with pytest.raises(RoleRequired):
        editing.source_create(user=viewer, title="Budget")


def test_claim_update_moves_the_span_and_refreshes_the_text(annotator):
    claim = ClaimFactory()
    claim = editing.claim_update(claim=claim, user=annotator, start=claim.start + 4)
    assert claim.text == claim.article.body[claim.start : claim.end]
    assert claim.prefix.endswith(claim.article.body[claim.start - 1])


def test_claim_update_refuses_unknown_fields_and_values(annotator):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        editing.claim_update(claim=claim, user=annotator, status=ClaimStatus.PUBLISHED)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError):
        editing.claim_update(claim=claim, user=annotator, claim_type="gossip")


@pytest.mark.parametrize("status", [ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED])
def test_a_judged_claim_cannot_change_under_its_verdict(claim_in, editor, status):
    claim = claim_in(status)
    with pytest.raises(TransitionNotAllowed):
        editing.claim_update(claim=claim, user=editor, direct=False)


def test_relations_link_a_response_to_what_it_answers(annotator):
    claim = ClaimFactory()
    response = ResponseClaimFactory(article=claim.article)

    relation = editing.claim_link_response(
        source=response, target=claim, relation_type=RelationType.REBUTS, user=annotator, note=" party line "
    )

    assert relation.note == "party line" and relation.created_by == annotator
    assert list(claim.incoming_relations.all()) == [relation]
    with pytest.raises(ValidationError):  # same link twice
        editing.claim_relation_create(source=response, target=claim, relation_type="rebuts", user=annotator)
    with pytest.raises(ValidationError):  # to itself
        editing.claim_relation_create(source=claim, target=claim, relation_type="supports", user=annotator)
    with pytest.raises(ValidationError):
        editing.claim_relation_create(source=response, target=claim, relation_type="likes", user=annotator)

    editing.claim_relation_delete(relation=relation, user=annotator)
    assert not ClaimRelation.objects.exists()


def test_sources_and_citations(annotator):
    claim = ClaimFactory()
    source = editing.source_create(
        user=annotator,
        title="Public finances bulletin",
        source_type=SourceType.OFFICIAL_RECORD,
        url="https://stats.example/b",
    )
    with pytest.raises(ValidationError) as error:
        editing.source_create(user=annotator, title="Bad", url="not a url")
    assert "url" in error.value.message_dict

    source = editing.source_update(source=source, user=annotator, publisher="Statistics Office")
    assert source.publisher == "Statistics Office"

    citation = editing.citation_create(
        claim=claim, source=source, stance=Stance.CONTRADICTS, excerpt="Growth was 0.4 per cent.", user=annotator
    )
    assert list(claim.citations.all()) == [citation]
    with pytest.raises(ValidationError):
        editing.citation_create(claim=claim, source=source, stance=Stance.CONTRADICTS, user=annotator)
    editing.citation_create(claim=claim, source=SourceFactory(), stance=Stance.CONTEXT, user=annotator)

    editing.citation_delete(citation=citation, user=annotator)
    assert Citation.objects.filter(claim=claim).count() == 1


def test_notes_form_a_thread(annotator, reviewer):
    claim = ClaimFactory()
    editing.note_create(claim=claim, user=annotator, body="Who is the speaker here?")
    editing.note_create(claim=claim, user=reviewer, body="  The party spokesperson.  ")
    with pytest.raises(ValidationError):
        editing.note_create(claim=claim, user=reviewer, body="   ")
    assert [(n.author, n.body) for n in claim.notes.all()] == [
        (annotator, "Who is the speaker here?"),
        (reviewer, "The party spokesperson."),
    ]
