"""The claim page, its transition buttons, bulk actions, the reviewer's queue and full-text search."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims import workflow
from claims.choices import ClaimStatus, Rating, ReviewStatus
from claims.models import Claim
from claims.models.notes import Note
from claims.services import editing
from tests.admin.conftest import messages_of
from tests.factories import CitationFactory, ClaimFactory, ClaimRelationFactory, SpeakerFactory, SpeakerRoleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_claim_changelist"


def _transition(client, claim, name, data=None):
    return client.post(reverse("admin:claims_claim_transition", args=[claim.pk, name]), data or {}, follow=True)


def test_claim_page_shows_context_speaker_links_sources_and_buttons(client, staff_annotator):
    relation = ClaimRelationFactory()
    claim = relation.target
    SpeakerRoleFactory(speaker=claim.speaker, title="Minister for Finance")
    CitationFactory(claim=claim, source__title="Budget statistics Q3")
    Note.objects.create(claim=claim, author=staff_annotator, body="Check against the ONS release.")
    client.force_login(staff_annotator)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert "The minister said:" in html  # the surrounding paragraph
    assert "Minister for Finance" in html
    assert f"#{relation.source_id}" in html and "rebuts this" in html
    assert "Budget statistics Q3" in html
    assert "Check against the ONS release." in html
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "accept"]) in html
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "reject"]) in html
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "assign"]) not in html  # reviewers only
    assert 'id="history"' in html


def test_viewer_sees_no_buttons_and_is_refused_with_a_message(client, staff_viewer):
    claim = ClaimFactory()
    client.force_login(staff_viewer)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "accept"]) not in html

    response = _transition(client, claim, "accept")

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PROPOSED
    assert any("annotator" in m for m in messages_of(response))


def test_transition_not_allowed_in_this_state_is_a_message(client, staff_annotator):
    claim = ClaimFactory(status=ClaimStatus.REJECTED)
    client.force_login(staff_annotator)

    response = _transition(client, claim, "accept")

    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert messages_of(response)


def test_reject_with_a_reason_then_reopen(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)

    _transition(client, claim, "reject", {"reason": "Not a claim: a question."})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert Note.objects.filter(claim=claim, body__contains="a question").exists()

    _transition(client, claim, "reopen")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PROPOSED


def test_full_review_cycle_through_the_claim_page(client, staff_reviewer, staff_second_reviewer, staff_editor):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)

    client.force_login(staff_reviewer)
    _transition(client, claim, "assign", {"assignee": staff_reviewer.pk})
    _transition(client, claim, "submit", {"rating": Rating.FALSE, "summary": "Growth was 0.4%.", "body": ""})
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (ClaimStatus.REVIEWED, staff_reviewer)

    # The author cannot approve their own verdict: no button, and a refusal if posted anyway.
    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]) not in html

    client.force_login(staff_editor)
    response = _transition(client, claim, "publish")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED, messages_of(response)
    assert claim.reviews.get().status == ReviewStatus.PUBLISHED


def test_invalid_transition_input_is_reported(client, staff_reviewer):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)
    client.force_login(staff_reviewer)

    response = _transition(client, claim, "assign", {})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert any("assignee" in m.lower() for m in messages_of(response))


def _action(client, action, claims, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in claims], **extra},
        follow=True,
    )


def test_bulk_accept_goes_through_the_workflow_and_reports_refusals(client, staff_annotator):
    fresh = ClaimFactory.create_batch(2)
    done = ClaimFactory(status=ClaimStatus.REJECTED)
    client.force_login(staff_annotator)

    response = _action(client, "accept_selected", [*fresh, done])

    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert [statuses[c.pk] for c in fresh] == ["accepted", "accepted"]
    assert statuses[done.pk] == "rejected"
    texts = messages_of(response)
    assert any("Accepted: 2 claims" in m for m in texts)
    assert any(f"#{done.pk}" in m for m in texts)


def test_bulk_reject_by_a_viewer_is_refused(client, staff_viewer):
    claims = ClaimFactory.create_batch(2)
    client.force_login(staff_viewer)

    response = _action(client, "reject_selected", claims)

    assert set(Claim.objects.values_list("status", flat=True)) == {"proposed"}
    assert any("annotator" in m for m in messages_of(response))


def test_bulk_assign_asks_for_the_reviewer_then_assigns(client, staff_reviewer, staff_second_reviewer):
    claims = ClaimFactory.create_batch(2, status=ClaimStatus.ACCEPTED)
    client.force_login(staff_reviewer)

    page = _action(client, "assign_selected", claims)
    assert "Assign claims for review" in page.content.decode()

    _action(client, "assign_selected", claims, apply="1", assignee=staff_second_reviewer.pk)

    assert set(Claim.objects.values_list("status", "assignee")) == {("in_review", staff_second_reviewer.pk)}


def test_my_queue_shows_what_waits_for_me(client, staff_reviewer, staff_second_reviewer):
    mine = ClaimFactory(status=ClaimStatus.ACCEPTED)
    theirs = ClaimFactory(status=ClaimStatus.ACCEPTED)
    workflow.claim_assign(claim=mine, user=staff_reviewer, assignee=staff_reviewer)
    workflow.claim_assign(claim=theirs, user=staff_reviewer, assignee=staff_second_reviewer)
    client.force_login(staff_reviewer)

    response = client.get(reverse(CHANGELIST), {"queue": "mine"})

    assert [c.pk for c in response.context["cl"].result_list] == [mine.pk]
    assert "My queue" in client.get(reverse("admin:index")).content.decode()


def test_full_text_search_and_id_search(client, staff_annotator):
    growth = ClaimFactory()
    other = ClaimFactory(article__body="He said: “Hospitals are full.”\n\nThey said: “No.”")
    client.force_login(staff_annotator)

    found = client.get(reverse(CHANGELIST), {"q": "budgets balanced"}).context["cl"].result_list
    by_id = client.get(reverse(CHANGELIST), {"q": f"#{other.pk}"}).context["cl"].result_list

    assert [c.pk for c in found] == [growth.pk]
    assert [c.pk for c in by_id] == [other.pk]


def test_has_response_and_has_source_filters(client, staff_annotator):
    answered = ClaimRelationFactory().target
    sourced = CitationFactory().claim
    client.force_login(staff_annotator)

    def ids(**params):
        return {c.pk for c in client.get(reverse(CHANGELIST), params).context["cl"].result_list}

    assert ids(answered="yes") == {answered.pk}
    assert ids(sourced="yes") == {sourced.pk}
    assert answered.pk in ids(sourced="no")


def test_editing_a_claim_goes_through_the_editing_service(client, staff_annotator):
    claim = ClaimFactory()
    body = claim.article.body
    start = body.index("growth")
    client.force_login(staff_annotator)

    client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        {
            "start": start,
            "end": claim.end,
            "speaker": claim.speaker_id,
            "kind": "claim",
            "claim_type": "statistical",
            "direct": "on",
        },
    )

    claim.refresh_from_db()
    assert claim.text == body[start : claim.end] and claim.claim_type == "statistical"
    assert claim.status == ClaimStatus.PROPOSED


def test_note_from_the_claim_page(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)

    client.post(reverse("admin:claims_claim_note", args=[claim.pk]), {"body": "Ask the press office."})

    assert Note.objects.get(claim=claim).author == staff_annotator


def test_claim_page_history_is_told_in_words(client, staff_annotator):
    old_speaker, new_speaker = SpeakerFactory(name="Pat Oldname"), SpeakerFactory(name="Kim Newname")
    claim = ClaimFactory(speaker=old_speaker)
    client.force_login(staff_annotator)
    editing.claim_update(claim=claim, user=staff_annotator, speaker=new_speaker, claim_type="statistical")
    _transition(client, claim, "accept")

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))

    events = [e for e in page.context["history"] if e["title"] == f"Claim #{claim.pk} changed"]
    speaker_change = next(e for e in events if any(r["label"] == "Speaker" for r in e["rows"]))
    assert speaker_change["user"] == staff_annotator
    rows = {row["label"]: (row["old"], row["new"]) for row in speaker_change["rows"]}
    assert rows["Speaker"] == ("Pat Oldname", "Kim Newname")
    assert rows["Claim type"] == ("Other", "Statistical")
    accepted = next(e for e in events if e["transition"] == "accept")
    assert {row["label"]: (row["old"], row["new"]) for row in accepted["rows"]}["Status"] == ("Proposed", "Accepted")
    html = page.content.decode()
    history = html[html.index('id="history"') : html.index("<h2>Edit</h2>")]
    assert "speaker_id" not in history and "prefix" not in history
    assert '<th scope="row">Speaker</th><td>Pat Oldname</td><td>Kim Newname</td>' in html


def test_adding_a_claim_in_the_admin_goes_through_claim_create(client, staff_annotator):
    claim = ClaimFactory()  # provides an article with a known body
    article = claim.article
    start = article.body.index("These figures")
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:claims_claim_add"),
        {
            "article": article.pk,
            "start": start,
            "end": start + len("These figures are simply false"),
            "kind": "response",
            "claim_type": "factual",
            "direct": "on",
        },
    )

    assert response.status_code == 302
    added = Claim.objects.exclude(pk=claim.pk).get()
    assert added.text == "These figures are simply false"
    assert (added.created_by, added.origin) == (staff_annotator, "manual")


def test_claim_autocomplete_matches_the_start_of_a_word(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "budg", "app_label": "claims", "model_name": "claimrelation", "field_name": "target"},
    )

    assert [int(r["id"]) for r in response.json()["results"]] == [claim.pk]


def test_claim_page_query_count_is_the_same_for_10_and_500_claims_in_its_article(client, staff_annotator):
    """The claim page lists its article's claims as link targets and shows its own links, citations, notes
    and history: a fixed set of queries however long the article and however many links."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.choices import RelationType
    from claims.models import ClaimRelation
    from tests.factories import ArticleFactory

    body = "".join(f"Speaker {i} said: “Statement number {i:03d}.”\n\n" for i in range(500))
    article = ArticleFactory(body=body)
    speaker = SpeakerFactory()

    def add(numbers: range) -> list[Claim]:
        claims = []
        for i in numbers:
            start = body.index(f"Statement number {i:03d}.")
            claims.append(
                Claim(article=article, speaker=speaker, text=body[start : start + 21], start=start, end=start + 21)
            )
        return Claim.objects.bulk_create(claims)

    first = add(range(10))
    claim = first[0]

    def link_and_cite(sources: list[Claim]) -> None:
        ClaimRelation.objects.bulk_create(
            ClaimRelation(source=source, target=claim, relation_type=RelationType.REBUTS) for source in sources
        )
        for _ in range(len(sources) // 3 or 1):
            CitationFactory(claim=claim)
            Note.objects.create(claim=claim, author=staff_annotator, body="Another look.")

    def measure() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    link_and_cite(first[1:4])
    client.force_login(staff_annotator)
    measure()
    few, _ = measure()
    rest = add(range(10, 500))
    link_and_cite(rest[:30])
    many, html = measure()
    assert f'<option value="{rest[-1].pk}"' in html  # every claim of the article can be picked as a target
    assert many == few
