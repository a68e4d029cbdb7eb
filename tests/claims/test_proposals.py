"""Storing extraction proposals: speakers resolved against the directory, reruns never duplicate."""

import pytest

from claims.choices import ClaimOrigin, ClaimStatus, SpeakerKind
from claims.extraction import extract
from claims.models import Claim, ClaimRelation, Speaker
from claims.services.proposals import article_ingest, article_propose_claims
from tests.factories import SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

ARTICLE = """Harbour tolls to double, minister says

Transport minister Ingrid Solberg said the tolls would rise next spring.

“Every ship that uses the harbour will pay twice what it pays today,” Ms Solberg told reporters.

A spokesman for the Coastal Shipping Association said: “These claims are false. The minister has
misread her own figures.”
"""


def ingest(raw=ARTICLE):
    return article_ingest(raw=raw, source_name="harbour.txt")


def test_ingest_stores_proposals_with_spans_speakers_and_links():
    result = ingest()
    assert result.created
    claims = {claim.text: claim for claim in result.claims}
    toll = next(c for text, c in claims.items() if text.startswith("Every ship"))
    assert result.article.body[toll.start : toll.end] == toll.text
    assert toll.speaker.name == "Ingrid Solberg"
    assert toll.status == ClaimStatus.PROPOSED
    assert toll.origin == ClaimOrigin.EXTRACTED
    assert 0 <= toll.confidence <= 1
    assert toll.prefix.endswith("“") and toll.suffix.startswith(",”")

    rebuttal = next(c for text, c in claims.items() if text.startswith("These claims are false"))
    assert rebuttal.kind == "response"
    assert rebuttal.speaker.kind == SpeakerKind.SPOKESPERSON
    assert rebuttal.speaker.organisation is not None
    assert ClaimRelation.objects.filter(source=rebuttal, target=toll).exists()


def test_stored_links_carry_the_extraction_kinds_links_and_confidences():
    result = ingest()
    extraction = extract(result.article.body)
    by_span = {(claim.start, claim.end): claim for claim in result.claims}
    stored = 0
    for statement in extraction.statements:
        claim = by_span[(statement.start, statement.end)]
        assert claim.kind == statement.kind
        for target in statement.responds_to:
            answered = extraction.statements[target]
            relation = ClaimRelation.objects.get(source=claim, target=by_span[(answered.start, answered.end)])
            assert relation.relation_type == statement.relation_type
            assert 0 < statement.link_confidence < 1
            assert relation.confidence == round(min(statement.confidence, statement.link_confidence), 3)
            stored += 1
    assert stored == ClaimRelation.objects.count() > 0


def test_existing_speakers_are_reused_by_name_or_alias():
    known = SpeakerFactory(name="Ingrid Solberg")
    SpeakerAliasFactory(speaker=known, name="Ms Solberg")
    result = ingest()
    toll = next(c for c in result.claims if c.text.startswith("Every ship"))
    assert toll.speaker == known
    assert Speaker.objects.filter(name="Ingrid Solberg").count() == 1


def test_reingesting_the_same_text_changes_nothing():
    first = ingest()
    second = ingest()
    assert not second.created
    assert second.article == first.article
    assert Claim.objects.count() == len(first.claims)


def test_rerunning_extraction_never_duplicates_or_touches_reviewed_claims():
    result = ingest()
    toll = next(c for c in result.claims if c.text.startswith("Every ship"))
    # A reviewer narrowed the span and rejected another proposal.
    Claim.objects.filter(pk=toll.pk).update(end=toll.start + 10, text=toll.text[:10])
    rejected = next(c for c in result.claims if c.pk != toll.pk)
    Claim.objects.filter(pk=rejected.pk).update(status=ClaimStatus.REJECTED)
    before = set(Claim.objects.values_list("pk", "start", "end", "status", "text"))

    assert article_propose_claims(article=result.article) == []
    assert set(Claim.objects.values_list("pk", "start", "end", "status", "text")) == before


def test_deleted_proposals_come_back_when_extraction_runs_again():
    result = ingest()
    count = len(result.claims)
    Claim.objects.filter(kind="response").delete()
    again = article_propose_claims(article=result.article)
    assert len(again) == 1
    assert Claim.objects.count() == count
    assert ClaimRelation.objects.filter(source=again[0]).exists()


def test_a_brief_in_a_role_title_is_not_taken_for_an_organisation():
    raw = """Clinic waiting lists grow

Health Minister Maren Okafor said the lists were shorter than last year.

“We have cut the wait for a first appointment by a third,” Ms Okafor said.

A spokeswoman for the Nurses Guild said: “The minister is wrong. Waits have grown.”
"""
    result = article_ingest(raw=raw, source_name="clinic.txt")
    minister = Speaker.objects.get(name="Maren Okafor")
    role = minister.roles.get()
    assert role.title == "Health Minister"
    assert role.organisation is None
    assert not Speaker.objects.filter(name="Health").exists()
    # A spokesperson's affiliation is an organisation, created when new.
    guild = next(c for c in result.claims if c.text.startswith("The minister is wrong")).speaker
    assert guild.organisation.name == "Nurses Guild"


def test_a_known_organisation_in_a_role_title_is_kept():
    party = SpeakerFactory(name="Harbour Party", kind=SpeakerKind.ORGANISATION)
    raw = """Tolls vote

Harbour Party councillor Ines Varga said the vote was rushed.

“Nobody read the report before voting,” Ms Varga said.
"""
    article_ingest(raw=raw, source_name="tolls.txt")
    role = Speaker.objects.get(name="Ines Varga").roles.get()
    assert role.organisation == party
