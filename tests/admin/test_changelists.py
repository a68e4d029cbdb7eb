"""Every changelist renders with the same number of queries for 3 rows as for 30."""

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.choices import ClaimStatus, WebhookEvent
from claims.models import Claim
from claims.models.notes import Note
from claims.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookSubscription
from claims.services.tokens import token_create
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    OutletFactory,
    ReviewFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    SpeakerRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _claims(n: int) -> None:
    assignee = UserFactory()
    for i in range(n):
        claim = ClaimFactory(
            assignee=assignee if i % 2 else None, status=ClaimStatus.IN_REVIEW if i % 2 else ClaimStatus.PROPOSED
        )
        if i % 3 == 0:
            CitationFactory(claim=claim)
        if i % 4 == 0:
            ClaimRelationFactory(target=claim, source__article=claim.article)


def _speakers(n: int) -> None:
    organisation = SpeakerFactory(kind="organisation")
    for _ in range(n):
        speaker = SpeakerFactory(organisation=organisation)
        SpeakerAliasFactory(speaker=speaker)
        SpeakerRoleFactory(speaker=speaker, organisation=organisation)
        ClaimFactory(speaker=speaker)


def _notes(n: int) -> None:
    for _ in range(n):
        claim = ClaimFactory()
        Note.objects.create(claim=claim, author=UserFactory(), body="Check the figures.")


def _webhooks(n: int) -> None:
    for i in range(n):
        WebhookSubscription.objects.create(
            url=f"https://hooks.example/{i}", events=[WebhookEvent.CLAIM_ACCEPTED], secret="s3cret", created_by=None
        )


def _deliveries(n: int) -> None:
    subscription = WebhookSubscription.objects.create(
        url="https://hooks.example/x", events=[WebhookEvent.CLAIM_ACCEPTED], secret="s3cret"
    )
    for _ in range(n):
        delivery = WebhookDelivery.objects.create(subscription=subscription, event="claim.accepted", payload={})
        WebhookAttempt.objects.create(delivery=delivery, number=1, started_at=timezone.now())


def _tokens(n: int) -> None:
    for _ in range(n):
        token_create(user=UserFactory(), name="exports")


BUILDERS: dict[str, Callable[[int], object]] = {
    "articles_outlet": lambda n: [ArticleFactory(outlet=OutletFactory()) for _ in range(n)],
    "articles_article": lambda n: [ClaimFactory() for _ in range(n)],
    "claims_claim": _claims,
    "claims_claimrelation": lambda n: ClaimRelationFactory.create_batch(n),
    "claims_speaker": _speakers,
    "claims_speakeralias": lambda n: SpeakerAliasFactory.create_batch(n),
    "claims_speakerrole": lambda n: [SpeakerRoleFactory(organisation=SpeakerFactory()) for _ in range(n)],
    "claims_source": lambda n: [CitationFactory(source=SourceFactory()) for _ in range(n)],
    "claims_citation": lambda n: CitationFactory.create_batch(n),
    "claims_review": lambda n: ReviewFactory.create_batch(n),
    "claims_note": _notes,
    "claims_webhooksubscription": _webhooks,
    "claims_webhookdelivery": _deliveries,
    "claims_apitoken": _tokens,
}


def test_every_registered_model_of_ours_has_a_builder():
    ours = {
        f"{model._meta.app_label}_{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label in ("articles", "claims")
    }
    assert ours == set(BUILDERS)


def _count(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.context["cl"].result_count


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_changelist_queries_do_not_grow_with_rows(client, staff_user, name):
    url = reverse(f"admin:{name}_changelist")
    client.force_login(staff_user)
    build = BUILDERS[name]
    build(3)
    client.get(url)  # warm caches (content types, session) that are not per row
    few, rows_few = _count(client, url)
    build(27)
    many, rows_many = _count(client, url)
    assert rows_many > rows_few >= 3
    assert many == few


def test_claim_changelist_with_every_filter_still_constant(client, staff_user):
    client.force_login(staff_user)
    url = reverse("admin:claims_claim_changelist") + "?queue=mine&answered=no&sourced=no&assignee=none"
    _claims(3)
    client.get(url)
    few, _ = _count(client, url)
    _claims(27)
    many, _ = _count(client, url)
    assert many == few
    assert Claim.objects.count() >= 30


def test_claim_rows_link_select_and_show_icons_as_the_admin_writes_them(client, staff_user):
    # Rows are written without a widget template or a `reverse` per row; what they say must not change.
    answered = ClaimRelationFactory().target
    cited = CitationFactory().claim
    client.force_login(staff_user)
    html = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    model_admin = admin.site._registry[Claim]
    for claim in (answered, cited):
        assert str(admin.ModelAdmin.action_checkbox(model_admin, claim)) in html
        assert f'href="{reverse("admin:claims_claim_change", args=[claim.pk])}"' in html
        workbench = reverse("admin:articles_article_workbench", args=[claim.article_id])
        assert f'href="{workbench}#claim-{claim.pk}"' in html
    row = html[html.index(f'value="{answered.pk}"') :]
    row = row[: row.index("</tr>")]
    assert row.count('alt="True"') == 1 and row.count('alt="False"') == 1 and "icon-yes.svg" in row
