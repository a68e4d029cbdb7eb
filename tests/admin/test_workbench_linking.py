"""The workbench's link form reaches claims in any article: search as you type, and for a response the claims
in other articles it may answer; the link itself goes through the link form and its service."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.choices import ClaimKind, ClaimStatus, ClaimType, SpeakerKind, WebhookEvent
from claims.models import Claim, ClaimRelation, WebhookDelivery, WebhookSubscription
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def claim_in(body, text, *, published, headline=None, **fields):
    article = ArticleFactory(body=body, published=published, **({"headline": headline} if headline else {}))
    start = body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), **fields)


@pytest.fixture
def story():
    """An accusation against a guild in one story and the guild's rebuttal in a follow-up."""
    guild = SpeakerFactory(name="Ferry Pilots Union", kind=SpeakerKind.ORGANISATION)
    spokeswoman = SpeakerFactory(
        name="A Ferry Pilots Union spokeswoman", kind=SpeakerKind.SPOKESPERSON, organisation=guild
    )
    accuser = SpeakerFactory(name="Harriet Okonjo")
    accusation = claim_in(
        "Harriet Okonjo said the Ferry Pilots Union had hidden the safety logs: “They buried three near misses.”",
        "They buried three near misses.",
        published=dt.date(2026, 3, 2),
        headline="Harbour safety logs hidden, councillor says",
        speaker=accuser,
        claim_type=ClaimType.ACCUSATION,
    )
    response = claim_in(
        "A Ferry Pilots Union spokeswoman said: “Every near miss was reported to the harbour master.”",
        "Every near miss was reported to the harbour master.",
        published=dt.date(2026, 3, 5),
        speaker=spokeswoman,
        kind=ClaimKind.RESPONSE,
    )
    return accusation, response


def search_url(claim):
    return reverse("admin:articles_article_link_search", args=[claim.article_id, claim.pk])


def counter_url(claim):
    return reverse("admin:articles_article_counter_targets", args=[claim.article_id, claim.pk])


def test_search_finds_claims_in_other_articles_with_speaker_headline_and_date(client, staff_annotator, story):
    accusation, response = story
    rejected = claim_in(
        "Harriet Okonjo said: “The near misses were buried twice over.”",
        "The near misses were buried twice over.",
        published=dt.date(2026, 3, 3),
        status=ClaimStatus.REJECTED,
    )
    client.force_login(staff_annotator)

    # The start of a word is enough, as people type.
    found = client.get(search_url(response), {"q": "near mis"}).json()["results"]
    assert [c["id"] for c in found] == [accusation.pk]
    assert rejected.pk not in [c["id"] for c in found]
    assert found[0]["speaker"] == "Harriet Okonjo"
    assert found[0]["article"] == {
        "id": accusation.article_id,
        "headline": "Harbour safety logs hidden, councillor says",
        "outlet": accusation.article.outlet.name,
        "date": "2026-03-02",
    }
    # The claim being linked is never offered as its own target, even by its id.
    assert client.get(search_url(response), {"q": f"#{response.pk}"}).json()["results"] == []
    assert [c["id"] for c in client.get(search_url(response), {"q": "Okonjo"}).json()["results"]] == [accusation.pk]


def test_search_returns_at_most_ten_newest_first(client, staff_annotator, story):
    _, response = story
    many = [
        claim_in(
            f"The auditor said: “Tidal gauge {n} was faulty.”",
            f"Tidal gauge {n} was faulty.",
            published=dt.date(2026, 3, 1),
        )
        for n in range(12)
    ]
    client.force_login(staff_annotator)
    found = client.get(search_url(response), {"q": "tidal gauge"}).json()["results"]
    assert [c["id"] for c in found] == [c.pk for c in reversed(many)][:10]


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "x"}, {"q": " a "}, {"q": "w" * 201}])
def test_bad_search_terms_are_400_with_a_field_message(client, staff_annotator, story, query):
    _, response = story
    client.force_login(staff_annotator)
    answer = client.get(search_url(response), query)
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json" and answer.json()["errors"]["q"]


def test_a_claim_of_another_article_or_none_at_all_is_404(client, staff_annotator, story):
    accusation, response = story
    client.force_login(staff_annotator)
    wrong = reverse("admin:articles_article_link_search", args=[accusation.article_id, response.pk])
    assert client.get(wrong, {"q": "near"}).status_code == 404
    missing = reverse("admin:articles_article_counter_targets", args=[response.article_id, 2**40])
    assert client.get(missing).status_code == 404


def test_writes_are_refused_on_these_read_endpoints(client, staff_annotator, story):
    _, response = story
    client.force_login(staff_annotator)
    assert client.post(search_url(response), {"q": "near"}).status_code == 405
    assert client.post(counter_url(response)).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, story):
    _, response = story
    for url in (search_url(response) + "?q=near", counter_url(response)):
        answer = client.get(url)
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


def test_staff_without_the_relation_permission_and_viewers_are_refused(client, staff_viewer, story):
    _, response = story
    bare_staff = UserFactory(is_staff=True)
    for user in (bare_staff, staff_viewer):
        client.force_login(user)
        for url in (search_url(response) + "?q=near", counter_url(response)):
            answer = client.get(url)
            assert answer.status_code == 403, (user, url)
            assert b"near misses" not in answer.content and b"Okonjo" not in answer.content


def test_a_response_gets_suggested_targets_in_other_articles(client, staff_annotator, story):
    accusation, response = story
    client.force_login(staff_annotator)
    found = client.get(counter_url(response)).json()["results"]
    assert [c["id"] for c in found] == [accusation.pk]
    assert found[0]["claim_type"] == "accusation" and found[0]["article"]["date"] == "2026-03-02"

    # A plain claim has none to suggest: asked anyway, a 400 that says why.
    refused = client.get(counter_url(accusation))
    assert refused.status_code == 400 and refused.json()["errors"]["claim"]


def test_confirming_a_suggestion_links_through_the_service_with_history_and_webhook(client, staff_annotator, story):
    """What the confirm buttons post: the link form, with the other article's claim as `other_target`."""
    accusation, response = story
    WebhookSubscription.objects.create(
        url="https://hooks.example/claims", events=[WebhookEvent.CLAIM_UPDATED], secret="s" * 32
    )
    client.force_login(staff_annotator)
    posted = client.post(
        reverse("admin:articles_article_link", args=[response.article_id]),
        {"claim": response.pk, "relation_type": "denies", "other_target": accusation.pk, "note": ""},
    )
    assert posted.status_code == 302
    relation = ClaimRelation.objects.get(source=response)
    assert (relation.target_id, relation.relation_type, relation.created_by) == (
        accusation.pk,
        "denies",
        staff_annotator,
    )
    Event = ClaimRelation.pgh_event_models["insert"]
    event = Event.objects.get(pgh_obj_id=relation.pk)
    assert event.pgh_context.metadata["user"] == staff_annotator.pk
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["data"]["claim"]["id"] == accusation.pk and delivery.payload["data"]["changed"] == [
        "relations"
    ]
    # Once linked, it is no longer suggested.
    assert client.get(counter_url(response)).json()["results"] == []
    # The target's own article is untouched: the link was all that changed.
    assert Claim.objects.filter(article=accusation.article).count() == 1


def test_the_workbench_offers_the_search_and_suggestions_to_linkers(client, staff_annotator, story):
    _, response = story
    client.force_login(staff_annotator)
    html = client.get(reverse("admin:articles_article_workbench", args=[response.article_id])).content.decode()
    assert 'id="link-search"' in html and 'id="link-suggestions"' in html and "claims/workbench-link.js" in html
    assert f'data-search-url="{reverse("admin:articles_article_link_search", args=[response.article_id, 0])}"' in html


@pytest.mark.parametrize("endpoint", ["search", "counter"])
def test_query_count_is_the_same_for_two_results_and_ten(client, staff_annotator, story, endpoint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accusation, response = story
    client.force_login(staff_annotator)
    counts = []
    for extra in (1, 9):
        for n in range(extra):
            claim_in(
                f"Harriet Okonjo said the Ferry Pilots Union misled the harbour: “They lied about near miss {n}.”",
                f"They lied about near miss {n}.",
                published=dt.date(2026, 3, 3),
                speaker=accusation.speaker,
                claim_type=ClaimType.ACCUSATION,
            )
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(search_url(response) + "?q=near" if endpoint == "search" else counter_url(response))
        assert answer.status_code == 200
        counts.append((len(answer.json()["results"]), len(queries)))
    assert counts[0][0] < counts[1][0] == 10
    assert counts[0][1] == counts[1][1]
