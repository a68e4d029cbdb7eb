"""Correcting links and citations in place, deleting through the services, and revising or withdrawing a verdict."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.choices import ClaimStatus, Rating, ReviewStatus
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker
from tests.admin.conftest import messages_of
from tests.factories import CitationFactory, ClaimFactory, ClaimRelationFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _transition(client, claim, name, data=None):
    return client.post(reverse("admin:claims_claim_transition", args=[claim.pk, name]), data or {}, follow=True)


# Links and citations: type, note, stance and excerpt change in place; what they join does not.


def test_relation_type_and_note_change_in_place_and_its_claims_stay(client, staff_annotator):
    relation = ClaimRelationFactory(relation_type="rebuts")
    other = ClaimFactory()
    url = reverse("admin:claims_claimrelation_change", args=[relation.pk])
    client.force_login(staff_annotator)

    html = client.get(url).content.decode()
    assert 'name="relation_type"' in html and 'name="note"' in html
    assert 'name="source"' not in html and 'name="target"' not in html

    data = {"relation_type": "clarifies", "note": "Explains rather than rebuts.", "target": other.pk}
    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    relation.refresh_from_db()
    assert (relation.relation_type, relation.note) == ("clarifies", "Explains rather than rebuts.")
    assert relation.target_id != other.pk
    assert ClaimRelation.objects.count() == 1


def test_relation_change_to_a_duplicate_is_refused(client, staff_annotator):
    relation = ClaimRelationFactory(relation_type="rebuts")
    ClaimRelationFactory(source=relation.source, target=relation.target, relation_type="denies")
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:claims_claimrelation_change", args=[relation.pk]),
        {"relation_type": "denies", "note": ""},
        follow=True,
    )

    relation.refresh_from_db()
    assert relation.relation_type == "rebuts"
    assert "already" in response.content.decode()


def test_citation_stance_and_excerpt_change_in_place(client, staff_annotator):
    citation = CitationFactory(stance="contradicts")
    other_source = SourceFactory()
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:claims_citation_change", args=[citation.pk]),
        {"stance": "context", "excerpt": "  Revised to 0.6 per cent.  ", "source": other_source.pk},
        follow=True,
    )

    assert response.status_code == 200
    citation.refresh_from_db()
    assert (citation.stance, citation.excerpt) == ("context", "Revised to 0.6 per cent.")
    assert citation.source_id != other_source.pk


def test_viewer_cannot_change_a_citation(client, staff_viewer):
    citation = CitationFactory(stance="contradicts")
    client.force_login(staff_viewer)

    response = client.post(reverse("admin:claims_citation_change", args=[citation.pk]), {"stance": "supports"})

    assert response.status_code == 403
    citation.refresh_from_db()
    assert citation.stance == "contradicts"


# Deleting through the services: a refusal is a message and nothing goes.


def test_deleting_a_cited_source_is_refused_with_a_message(client, staff_editor):
    citation = CitationFactory()
    url = reverse("admin:claims_source_delete", args=[citation.source_id])
    client.force_login(staff_editor)

    confirm = client.get(url)
    assert confirm.status_code == 200 and "Cannot delete" not in confirm.content.decode()

    response = client.post(url, {"post": "yes"}, follow=True)

    assert Source.objects.filter(pk=citation.source_id).exists()
    assert Citation.objects.filter(pk=citation.pk).exists()
    assert any("cited" in m for m in messages_of(response))


def test_deleting_an_uncited_source(client, staff_editor):
    source = SourceFactory()
    client.force_login(staff_editor)

    response = client.post(reverse("admin:claims_source_delete", args=[source.pk]), {"post": "yes"}, follow=True)

    assert not Source.objects.filter(pk=source.pk).exists()
    assert not any("cited" in m for m in messages_of(response))


def test_annotator_may_not_delete_sources_in_the_admin(client, staff_annotator):
    source = SourceFactory()
    client.force_login(staff_annotator)

    response = client.post(reverse("admin:claims_source_delete", args=[source.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


def test_bulk_delete_of_sources_deletes_the_uncited_and_reports_the_cited(client, staff_editor):
    free = SourceFactory()
    cited = CitationFactory().source
    client.force_login(staff_editor)
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [free.pk, cited.pk]}

    confirm = client.post(reverse("admin:claims_source_changelist"), data)
    assert confirm.status_code == 200 and "Are you sure" in confirm.content.decode()

    response = client.post(reverse("admin:claims_source_changelist"), {**data, "post": "yes"}, follow=True)

    assert not Source.objects.filter(pk=free.pk).exists()
    assert Source.objects.filter(pk=cited.pk).exists()
    shown = messages_of(response)
    assert any(m.startswith("Deleted 1 ") for m in shown), shown
    assert any(f"#{cited.pk}" in m and "cited" in m for m in shown), shown


def test_deleting_a_claim_in_review_is_refused_with_a_message(client, staff_editor):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW)
    client.force_login(staff_editor)

    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}, follow=True)

    assert Claim.objects.filter(pk=claim.pk).exists()
    assert any("reject it instead" in m for m in messages_of(response))
    assert response.request["PATH_INFO"] == reverse("admin:claims_claim_change", args=[claim.pk])


def test_deleting_a_proposal_removes_it_with_its_links(client, staff_editor):
    relation = ClaimRelationFactory()
    client.force_login(staff_editor)

    client.post(reverse("admin:claims_claim_delete", args=[relation.source_id]), {"post": "yes"}, follow=True)

    assert not Claim.objects.filter(pk=relation.source_id).exists()
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()
    assert Claim.objects.filter(pk=relation.target_id).exists()


def test_bulk_delete_of_claims_goes_through_the_service(client, staff_editor):
    proposal = ClaimFactory()
    reviewed = ReviewFactory(claim=ClaimFactory(status=ClaimStatus.REVIEWED), status=ReviewStatus.SUBMITTED).claim
    client.force_login(staff_editor)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [proposal.pk, reviewed.pk], "post": "yes"},
        follow=True,
    )

    assert not Claim.objects.filter(pk=proposal.pk).exists()
    assert Claim.objects.filter(pk=reviewed.pk).exists()
    assert any(f"#{reviewed.pk}" in m for m in messages_of(response))


# Revising and withdrawing a verdict from the claim page.


@pytest.fixture
def waiting(staff_reviewer) -> Review:
    return ReviewFactory(
        claim=ClaimFactory(status=ClaimStatus.REVIEWED, assignee=staff_reviewer),
        author=staff_reviewer,
        status=ReviewStatus.SUBMITTED,
        body="First reasoning.",
    )


def test_author_sees_revise_form_with_the_current_verdict_and_withdraw_button(client, staff_reviewer, waiting):
    client.force_login(staff_reviewer)

    html = client.get(reverse("admin:claims_claim_change", args=[waiting.claim_id])).content.decode()

    assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "revise"]) in html
    assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "withdraw"]) in html
    assert "Growth was far lower than claimed.</textarea>" in html  # the summary is a textarea
    assert "First reasoning." in html


def test_others_see_neither_revise_nor_withdraw(client, staff_second_reviewer, staff_editor, waiting):
    for user in (staff_second_reviewer, staff_editor):
        client.force_login(user)
        html = client.get(reverse("admin:claims_claim_change", args=[waiting.claim_id])).content.decode()
        assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "revise"]) not in html
        assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "withdraw"]) not in html


def test_author_revises_the_waiting_verdict(client, staff_reviewer, waiting):
    client.force_login(staff_reviewer)

    response = _transition(
        client, waiting.claim, "revise", {"rating": Rating.FALSE, "summary": "Growth was 0.4%.", "body": "Q3 tables."}
    )

    waiting.refresh_from_db()
    assert (waiting.rating, waiting.summary, waiting.body) == (Rating.FALSE, "Growth was 0.4%.", "Q3 tables.")
    assert waiting.status == ReviewStatus.SUBMITTED
    assert any("revise verdict done" in m for m in messages_of(response))


def test_revise_with_invalid_input_is_reported(client, staff_reviewer, waiting):
    client.force_login(staff_reviewer)

    response = _transition(client, waiting.claim, "revise", {"rating": "bogus", "summary": ""})

    waiting.refresh_from_db()
    assert waiting.rating == Rating.MOSTLY_FALSE
    assert messages_of(response)


def test_another_reviewer_cannot_revise_or_withdraw(client, staff_second_reviewer, waiting):
    client.force_login(staff_second_reviewer)

    revised = _transition(client, waiting.claim, "revise", {"rating": Rating.TRUE, "summary": "Mine now."})
    withdrawn = _transition(client, waiting.claim, "withdraw")

    waiting.refresh_from_db()
    assert (waiting.status, waiting.rating) == (ReviewStatus.SUBMITTED, Rating.MOSTLY_FALSE)
    assert any("author" in m for m in messages_of(revised))
    assert any("author" in m for m in messages_of(withdrawn))


def test_annotator_cannot_withdraw_a_verdict(client, staff_annotator, waiting):
    client.force_login(staff_annotator)

    response = _transition(client, waiting.claim, "withdraw")

    waiting.refresh_from_db()
    assert waiting.status == ReviewStatus.SUBMITTED
    assert any("reviewer" in m for m in messages_of(response))


def test_author_withdraws_and_the_claim_returns_to_review(client, staff_reviewer, waiting):
    client.force_login(staff_reviewer)

    _transition(client, waiting.claim, "withdraw")

    waiting.refresh_from_db()
    waiting.claim.refresh_from_db()
    assert waiting.status == ReviewStatus.WITHDRAWN
    assert waiting.claim.status == ClaimStatus.IN_REVIEW
    html = client.get(reverse("admin:claims_claim_change", args=[waiting.claim_id])).content.decode()
    assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "submit"]) in html
    assert reverse("admin:claims_claim_transition", args=[waiting.claim_id, "withdraw"]) not in html


def test_bulk_delete_elsewhere_keeps_djangos_refusal_of_protected_rows(client, staff_editor):
    speaker = ClaimFactory().speaker
    client.force_login(staff_editor)

    response = client.post(
        reverse("admin:claims_speaker_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [speaker.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert Speaker.objects.filter(pk=speaker.pk).exists()
