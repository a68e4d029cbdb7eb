"""Matching follows every change to a claim's words or speaker (speakers merged too): a refresh is queued
after the change commits (never for work rolled back), and the queued task finds the match. Through the
service layer, the API test client and a real HTTP request to a live server."""

import json
import urllib.request

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from claims.choices import MatchState
from claims.models import Claim, ClaimMatch
from claims.services import editing
from claims.services.matching import claim_matches_refresh
from claims.services.proposals import article_ingest
from claims.services.speakers import speaker_merge
from claims.services.tokens import token_create
from claims.services.versions import claim_reattach
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
TEXT = "The ferry will run every hour from the first of May."


def queued() -> list[list[int]]:
    """The claim ids of every queued match refresh, oldest first."""
    rows = DBTaskResult.objects.filter(task_path__endswith="claim_matches_refresh_task").order_by("enqueued_at")
    return [row.args_kwargs["kwargs"]["claim_ids"] for row in rows]


def article_saying(text: str):
    return ArticleFactory(body=f"The operator said: “{text}” Passengers were pleased.")


@pytest.mark.django_db
def test_creating_editing_and_reattaching_a_claim_queue_a_refresh(annotator, django_capture_on_commit_callbacks):
    article = article_saying(TEXT)
    start = article.body.index(TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        claim = editing.claim_create(article=article, start=start, end=start + len(TEXT), user=annotator)
    assert queued() == [[claim.pk]]

    with django_capture_on_commit_callbacks(execute=True):
        editing.claim_update(claim=claim, user=annotator, kind="response")  # not what matching compares
    assert len(queued()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        editing.claim_update(claim=claim, user=annotator, end=start + len(TEXT) - 1)  # new words
    with django_capture_on_commit_callbacks(execute=True):
        editing.claim_update(claim=claim, user=annotator, speaker=SpeakerFactory())
    assert queued()[1:] == [[claim.pk], [claim.pk]]

    Claim.objects.filter(pk=claim.pk).update(orphaned_at="2026-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        claim_reattach(claim=claim, start=start, end=start + len(TEXT), user=annotator)
    assert queued()[3:] == [[claim.pk]]


@pytest.mark.django_db
def test_nothing_is_queued_for_a_change_that_is_rolled_back(annotator, django_capture_on_commit_callbacks):
    article = article_saying(TEXT)
    start = article.body.index(TEXT)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        editing.claim_create(article=article, start=start, end=start + len(TEXT), user=annotator)
        raise RuntimeError("the request failed after the claim was made")
    assert queued() == [] and not Claim.objects.exists()


@pytest.mark.django_db
def test_proposals_and_a_new_version_queue_the_claims_whose_words_are_new(django_capture_on_commit_callbacks):
    url = "https://harbour.example/ferry"
    first = "Ferry timetable\n\nThe operator, Nadia Brook, said: “The ferry will run every hour from May.”\n"
    with django_capture_on_commit_callbacks(execute=True):
        result = article_ingest(raw=first, url=url)
    [claim] = result.claims
    assert queued() == [[claim.pk]]

    second = first.replace("every hour", "every half hour")
    with django_capture_on_commit_callbacks(execute=True):
        article_ingest(raw=second, url=url)
    claim.refresh_from_db()
    assert "every half hour" in claim.text
    assert queued()[1:] == [[claim.pk]]


@pytest.mark.django_db
def test_a_claim_made_over_the_api_is_matched_by_the_queued_task(
    api_client, annotator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    speaker = SpeakerFactory(name="Nadia Brook")
    earlier = ClaimFactory(article=article_saying(TEXT), text=TEXT, speaker=speaker)
    article = article_saying(TEXT)
    start = article.body.index(TEXT)
    api_client.force_authenticate(annotator)
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post(
            "/api/v1/claims/",
            {"article": article.pk, "start": start, "end": start + len(TEXT), "speaker": speaker.pk},
            format="json",
        )
    assert created.status_code == 201, created.json()
    match = ClaimMatch.objects.get()
    assert {match.claim_id, match.other_id} == {earlier.pk, created.json()["id"]}
    assert match.state == MatchState.CONFIRMED and match.automatic


@pytest.mark.django_db(transaction=True)
def test_over_http_the_match_is_found_once_the_request_commits(live_server, annotator, settings):
    settings.TASKS = IMMEDIATE_TASKS
    ClaimFactory(article=article_saying(TEXT), text=TEXT, speaker=SpeakerFactory())
    article = article_saying(TEXT)
    start = article.body.index(TEXT)
    key = token_create(user=annotator).key
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/claims/",
        data=json.dumps({"article": article.pk, "start": start, "end": start + len(TEXT)}).encode(),
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        claim_id = json.loads(response.read())["id"]
    match = ClaimMatch.objects.get()
    assert claim_id in (match.claim_id, match.other_id)
    assert match.state == MatchState.SUGGESTED  # no speaker given: a reviewer decides


@pytest.mark.django_db
def test_merging_speakers_queues_the_claims_whose_matches_become_same_speaker(
    editor, settings, django_capture_on_commit_callbacks
):
    first, second = SpeakerFactory(name="N. Brook"), SpeakerFactory(name="Nadia Brook")
    said = ClaimFactory(article=article_saying(TEXT), text=TEXT, speaker=first)
    again = ClaimFactory(article=article_saying(TEXT), text=TEXT, speaker=second)
    ClaimFactory(speaker=first)  # matches nothing: not worth a refresh
    claim_matches_refresh(claim=again)
    assert ClaimMatch.objects.get().state == MatchState.SUGGESTED  # two speakers, as far as anyone knew

    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        speaker_merge(source=first, target=second, user=editor)
    match = ClaimMatch.objects.get()
    assert {match.claim_id, match.other_id} == {said.pk, again.pk}
    assert match.same_speaker and match.state == MatchState.CONFIRMED and match.automatic
