"""Every change to a claim and what hangs off it is in its history, with who made it."""

import pghistory
import pytest
from django.db import connection

from claims import selectors, workflow
from claims.choices import ClaimType, Rating, Stance
from claims.models import Claim
from claims.services import editing
from tests.factories import ClaimFactory, ClaimRelationFactory, ResponseClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def entries(claim, **match):
    return [e for e in selectors.claim_history(claim=claim) if all(e[k] == v for k, v in match.items())]


def test_saving_a_claim_records_who_changed_what(annotator):
    claim = ClaimFactory()
    new_speaker = SpeakerFactory(name="A Party Spokesperson")

    editing.claim_update(claim=claim, user=annotator, speaker=new_speaker, claim_type=ClaimType.STATISTICAL)

    [update] = entries(claim, model="claim", event="update")
    assert update["user"] == annotator
    assert update["object_id"] == claim.pk
    assert update["changes"]["speaker_id"] == [claim.speaker_id, new_speaker.pk]
    assert update["changes"]["claim_type"] == [ClaimType.OTHER, ClaimType.STATISTICAL]
    assert "updated_at" not in update["changes"]


def test_a_bulk_update_is_recorded_row_by_row(editor):
    claims = ClaimFactory.create_batch(3)

    with pghistory.context(user=editor.pk):
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(claim_type=ClaimType.OPINION)

    for claim in claims:
        [update] = entries(claim, event="update")
        assert update["user"] == editor
        assert update["changes"] == {"claim_type": [ClaimType.OTHER, ClaimType.OPINION]}


def test_raw_sql_is_recorded_too():
    claim = ClaimFactory()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET direct = false WHERE id = %s", [claim.pk])
    [update] = entries(claim, event="update")
    assert update["changes"] == {"direct": [True, False]}
    assert update["user"] is None


def test_deleting_a_claim_keeps_its_history(editor):
    relation = ClaimRelationFactory()
    claim = relation.target
    claim_pk = claim.pk

    with pghistory.context(user=editor.pk):
        claim.delete()

    claim.pk = claim_pk  # the row is gone; its history is found by its old id
    deleted = {(e["model"], e["event"]) for e in selectors.claim_history(claim=claim) if e["user"] == editor}
    assert deleted == {("claim", "delete"), ("claimrelation", "delete")}
    [delete] = entries(claim, model="claim", event="delete")
    assert delete["changes"]["text"] == [claim.text, None]


def test_history_covers_relations_citations_reviews_notes_and_speaker(annotator, reviewer, editor):
    claim = ClaimFactory()
    response = ResponseClaimFactory(article=claim.article)
    source = SourceFactory()

    workflow.claim_accept(claim=claim, user=annotator)
    editing.claim_relation_create(source=response, target=claim, relation_type="rebuts", user=annotator)
    editing.citation_create(claim=claim, source=source, stance=Stance.CONTRADICTS, user=annotator)
    editing.note_create(claim=claim, user=annotator, body="Check the ONS release.")
    workflow.claim_assign(claim=claim, user=editor, assignee=reviewer)
    review = workflow.review_submit(claim=claim, user=reviewer, rating=Rating.FALSE, summary="Wrong.")
    workflow.review_publish(review=review, user=editor)
    with pghistory.context(user=editor.pk):
        claim.speaker.name = "Renamed Speaker"
        claim.speaker.save()

    history = selectors.claim_history(claim=claim)

    seen = [(e["model"], e["event"], e["user"]) for e in history]
    for expected in [
        ("claim", "update", annotator),  # accepted
        ("claimrelation", "insert", annotator),
        ("citation", "insert", annotator),
        ("note", "insert", annotator),
        ("claim", "update", editor),  # assigned, then published
        ("review", "insert", reviewer),
        ("review", "update", editor),
        ("speaker", "update", editor),
    ]:
        assert expected in seen, expected
    statuses = [e["changes"]["status"] for e in history if e["model"] == "claim" and "status" in e["changes"]]
    assert statuses == [
        [None, "proposed"],
        ["proposed", "accepted"],
        ["accepted", "in_review"],
        ["in_review", "reviewed"],
        ["reviewed", "published"],
    ]
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)
    transitions = [e["context"].get("transition") for e in history if e["model"] == "claim" and e["event"] == "update"]
    assert transitions == ["accept", "assign", "submit", "publish"]
    # Other claims' rows are not mixed in.
    assert all(e["object_id"] != response.pk for e in history if e["model"] == "claim")


def test_history_keeps_the_speaker_it_had_before_a_correction(annotator):
    claim = ClaimFactory()
    old_speaker = claim.speaker
    editing.claim_update(claim=claim, user=annotator, speaker=SpeakerFactory())
    with pghistory.context(user=annotator.pk):
        old_speaker.description = "Misattributed in one article."
        old_speaker.save()

    speaker_ids = {e["object_id"] for e in selectors.claim_history(claim=claim) if e["model"] == "speaker"}
    assert old_speaker.pk in speaker_ids


def test_history_costs_the_same_few_queries_however_long_it_is(annotator, django_assert_max_num_queries):
    short, long = ClaimFactory(), ClaimFactory()
    editing.note_create(claim=short, user=annotator, body="Only one note.")
    for i in range(15):
        editing.note_create(claim=long, user=annotator, body=f"Note {i}")
        editing.claim_update(claim=long, user=annotator, direct=i % 2 == 0)

    with django_assert_max_num_queries(6) as short_queries:
        selectors.claim_history(claim=short)
    with django_assert_max_num_queries(len(short_queries)):
        assert len(selectors.claim_history(claim=long)) > 30
