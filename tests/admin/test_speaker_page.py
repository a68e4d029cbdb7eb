"""A speaker's page: their claims with status and verdict, roles over time, aliases, likely duplicates, merging."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import Claim, Speaker
from tests.admin.conftest import messages_of
from tests.factories import ClaimFactory, ReviewFactory, SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

pytestmark = pytest.mark.django_db


def _page(client, speaker):
    return client.get(reverse("admin:claims_speaker_change", args=[speaker.pk]))


def test_claims_with_status_and_verdict_roles_and_aliases(client, staff_annotator):
    speaker = SpeakerFactory(name="Marguerite Okonjo")
    SpeakerAliasFactory(speaker=speaker, name="Ms Okonjo")
    SpeakerRoleFactory(speaker=speaker, title="Mayor of Eastport", start_date=datetime.date(2021, 5, 1))
    published = ClaimFactory(speaker=speaker, status=ClaimStatus.PUBLISHED)
    ReviewFactory(claim=published, status=ReviewStatus.PUBLISHED, rating="false", summary="The port lost money.")
    proposed = ClaimFactory(speaker=speaker)
    client.force_login(staff_annotator)

    html = _page(client, speaker).content.decode()

    section = html[html.index('id="speaker-claims"') :]
    assert f"#{published.pk}" in section and f"#{proposed.pk}" in section
    assert "The port lost money." in section and "Published" in section and "Proposed" in section
    assert "Mayor of Eastport" in html and "1 May 2021" in html and "Ms Okonjo" in html


def test_likely_duplicates_are_suggested_and_merged_by_an_editor(client, staff_annotator, staff_editor):
    speaker = SpeakerFactory(name="Marguerite Okonjo")
    typo = SpeakerFactory(name="Marguerite Okonjoh")
    by_alias = SpeakerFactory(name="M. Okonjo")
    SpeakerAliasFactory(speaker=by_alias, name="Marguerite Okonjo")
    SpeakerFactory(name="Harold Finch")
    claim = ClaimFactory(speaker=typo)
    client.force_login(staff_annotator)

    page = _page(client, speaker)

    assert {s.pk for s in page.context["duplicates"]} == {typo.pk, by_alias.pk}
    html = page.content.decode()
    assert f'data-merge="{typo.pk}" disabled' in html
    assert "Only a user with the editor role or higher can merge speakers." in html
    url = reverse("admin:claims_speaker_merge_into", args=[speaker.pk, typo.pk])
    refused = client.post(url, follow=True)
    assert "editor role" in messages_of(refused)[0]
    assert Speaker.objects.get(pk=typo.pk).merged_into is None

    client.force_login(staff_editor)
    response = client.post(url, follow=True)

    assert messages_of(response)[0].startswith("Merged “Marguerite Okonjoh” into “Marguerite Okonjo”")
    assert Speaker.objects.get(pk=typo.pk).merged_into_id == speaker.pk
    assert Claim.objects.get(pk=claim.pk).speaker_id == speaker.pk


def test_speaker_page_queries_do_not_grow_with_claims(client, staff_user):
    speaker = SpeakerFactory()
    client.force_login(staff_user)

    def queries_with(rows: int) -> int:
        while Claim.objects.filter(speaker=speaker).count() < rows:
            ReviewFactory(claim=ClaimFactory(speaker=speaker), status=ReviewStatus.PUBLISHED)
        _page(client, speaker)  # warm the session and content-type caches
        with CaptureQueriesContext(connection) as queries:
            assert _page(client, speaker).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(30)
