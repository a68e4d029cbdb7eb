"""Correcting the selected claim and its links from the workbench (JSON), and deciding a whole article."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.choices import ClaimStatus
from claims.models import BulkDecision, Claim, ClaimRelation, Note, Speaker
from tests.admin.conftest import messages_of
from tests.factories import ArticleFactory, ClaimFactory, ClaimRelationFactory, ResponseClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _edit_url(claim) -> str:
    return reverse("admin:articles_article_claim_edit", args=[claim.article_id, claim.pk])


def _link_url(article, relation, action) -> str:
    return reverse("admin:articles_article_relation_edit", args=[article.pk, relation.pk, action])


def test_speaker_kind_type_and_span_change_through_the_service(client, staff_annotator):
    claim = ClaimFactory()
    other = SpeakerFactory(name="Rosa Quill")
    client.force_login(staff_annotator)
    start = claim.article.body.index("growth is")

    response = client.post(
        _edit_url(claim),
        {"speaker": other.pk, "kind": "response", "claim_type": "statistical", "start": start, "end": claim.end},
    )

    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.speaker, claim.kind, claim.claim_type) == (other, "response", "statistical")
    assert claim.text == claim.article.body[start : claim.end] and claim.text.startswith("growth is")
    assert response.json()["claim"]["speaker"] == "Rosa Quill"


def test_a_new_speaker_is_created_with_the_change(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)

    response = client.post(_edit_url(claim), {"new_speaker_name": "Harbour Board", "new_speaker_kind": "organisation"})

    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.speaker.name, claim.speaker.kind) == ("Harbour Board", "organisation")


def test_bad_input_is_refused_field_by_field_and_changes_nothing(client, staff_annotator):
    claim = ClaimFactory()
    before = Claim.objects.values().get(pk=claim.pk)
    client.force_login(staff_annotator)

    bad_kind = client.post(_edit_url(claim), {"kind": "rumour"})
    bad_span = client.post(_edit_url(claim), {"start": 5, "end": 10_000})
    half_span = client.post(_edit_url(claim), {"start": 5})
    both = client.post(_edit_url(claim), {"speaker": SpeakerFactory().pk, "new_speaker_name": "Someone Else"})

    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()["errors"]
    assert bad_span.status_code == 400 and "end" in bad_span.json()["errors"]
    assert half_span.status_code == 400 and "end" in half_span.json()["errors"]
    assert both.status_code == 400 and "speaker" in both.json()["errors"]
    assert Claim.objects.values().get(pk=claim.pk) == before
    assert not Speaker.objects.filter(name="Someone Else").exists()


def test_refusals_keep_their_status_and_reason(client, staff_viewer, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_viewer)
    assert client.post(_edit_url(claim), {"kind": "response"}).status_code == 403

    client.force_login(staff_annotator)
    frozen = ClaimFactory(status=ClaimStatus.REVIEWED)
    refused = client.post(_edit_url(frozen), {"kind": "response"})
    assert refused.status_code == 409 and "corrected verdict" in refused.json()["errors"]["__all__"][0]
    elsewhere = reverse("admin:articles_article_claim_edit", args=[ArticleFactory().pk, claim.pk])
    assert client.post(elsewhere, {"kind": "response"}).status_code == 404
    assert Claim.objects.get(pk=claim.pk).kind == "claim"


def test_edits_need_the_csrf_token(staff_annotator):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_annotator)

    assert client.post(_edit_url(claim), {"kind": "response"}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).kind == "claim"


def test_a_link_is_retyped_or_removed_in_place(client, staff_annotator, staff_viewer):
    relation = ClaimRelationFactory(relation_type="rebuts")
    article = relation.source.article
    client.force_login(staff_viewer)
    assert client.post(_link_url(article, relation, "remove")).status_code == 403

    client.force_login(staff_annotator)
    retyped = client.post(_link_url(article, relation, "retype"), {"relation_type": "clarifies"})
    assert retyped.status_code == 200
    assert ClaimRelation.objects.get(pk=relation.pk).relation_type == "clarifies"
    assert client.post(_link_url(article, relation, "retype"), {"relation_type": "likes"}).status_code == 400
    assert client.post(_link_url(ArticleFactory(), relation, "remove")).status_code == 404

    assert client.post(_link_url(article, relation, "remove")).status_code == 200
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()


def test_workbench_offers_the_corrections_and_the_shortcut_list(client, staff_annotator):
    relation = ClaimRelationFactory()
    client.force_login(staff_annotator)

    html = client.get(reverse("admin:articles_article_workbench", args=[relation.source.article_id])).content.decode()

    assert 'id="edit-form"' in html and 'id="id_edit_speaker"' in html
    assert f'data-relation="{relation.pk}"' in html and "Remove link" in html
    assert '<dialog id="wb-shortcuts"' in html and "<kbd>u</kbd>" in html
    assert "<script>" not in html.replace('<script src="', "") and " onclick=" not in html


def test_accept_those_with_a_speaker_reject_the_rest_then_undo(client, staff_annotator):
    article = ArticleFactory()
    with_speaker = ClaimFactory(article=article)
    without = ResponseClaimFactory(article=article, speaker=None)
    done = ClaimFactory(article=article, start=4, end=12, status=ClaimStatus.ACCEPTED)
    client.force_login(staff_annotator)
    workbench = reverse("admin:articles_article_workbench", args=[article.pk])
    assert "Accept 1 with a speaker, reject 1 without" in client.get(workbench).content.decode()

    response = client.post(reverse("admin:articles_article_decide", args=[article.pk]), follow=True)

    assert response.redirect_chain[-1][0] == workbench
    assert messages_of(response) == ["Accepted 1 proposal with a speaker, rejected 1 without one. You can undo this."]
    statuses = dict(Claim.objects.filter(article=article).values_list("pk", "status"))
    assert statuses == {with_speaker.pk: "accepted", without.pk: "rejected", done.pk: "accepted"}
    assert Note.objects.filter(claim=without, body__startswith="Rejected: No speaker").exists()
    decision = BulkDecision.objects.get(article=article)
    assert (decision.accepted, decision.rejected, decision.user) == ([with_speaker.pk], [without.pk], staff_annotator)
    assert "Undo: 1 accepted, 1 rejected" in response.content.decode()

    response = client.post(reverse("admin:articles_article_undo", args=[article.pk]), follow=True)

    assert messages_of(response) == ["Undone: 2 claims back among the proposals."]
    statuses = dict(Claim.objects.filter(article=article).values_list("pk", "status"))
    assert statuses == {with_speaker.pk: "proposed", without.pk: "proposed", done.pk: "accepted"}
    assert BulkDecision.objects.get(article=article).undone_by == staff_annotator
    # Nothing left to undo, and a second undo says so without touching anything.
    again = client.post(reverse("admin:articles_article_undo", args=[article.pk]), follow=True)
    assert messages_of(again) == ["There is no bulk decision on this article to undo."]


def test_undo_leaves_claims_that_moved_on(client, staff_annotator, staff_reviewer):
    article = ArticleFactory()
    first = ClaimFactory(article=article)
    second = ResponseClaimFactory(article=article)
    client.force_login(staff_annotator)
    client.post(reverse("admin:articles_article_decide", args=[article.pk]))
    client.force_login(staff_reviewer)
    client.post(
        reverse("admin:claims_claim_transition", args=[first.pk, "assign"]), {"assignee": staff_reviewer.pk}
    )
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.IN_REVIEW

    response = client.post(reverse("admin:articles_article_undo", args=[article.pk]), follow=True)

    assert messages_of(response)[-1] == (
        f"Undone: 1 claim back among the proposals. Left as they are, since someone took them further: #{first.pk}"
    )
    assert Claim.objects.get(pk=first.pk).status == ClaimStatus.IN_REVIEW
    assert Claim.objects.get(pk=second.pk).status == ClaimStatus.PROPOSED


def test_viewers_see_the_bulk_action_disabled_with_the_reason(client, staff_viewer):
    article = ClaimFactory().article
    client.force_login(staff_viewer)

    html = client.get(reverse("admin:articles_article_workbench", args=[article.pk])).content.decode()
    refused = client.post(reverse("admin:articles_article_decide", args=[article.pk]), follow=True)

    assert 'id="bulk-decide" disabled' in html
    assert "Only a user with the annotator role or higher can accept or reject proposals." in html
    assert Claim.objects.get(article=article).status == ClaimStatus.PROPOSED
    assert "Only a user with the annotator role" in messages_of(refused)[0]
