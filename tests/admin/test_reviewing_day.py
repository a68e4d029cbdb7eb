"""What a reviewer's day showed: progress, pasted articles, refusals with reasons, messages, dashboard, favicon."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import Claim
from tests.admin.conftest import messages_of
from tests.factories import ArticleFactory, ClaimFactory, ResponseClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db

PASTED = """Ferry fares frozen for a year

The harbour master, Odile Brandt, said: “Fares will not rise before next summer.”

A spokesman for the Island Travellers Union said: “A freeze is not a cut. Fares are already too high.”
"""


def test_article_list_shows_how_far_each_review_has_got(client, staff_annotator):
    article = ArticleFactory()
    ClaimFactory(article=article, status=ClaimStatus.ACCEPTED)
    ResponseClaimFactory(article=article, status=ClaimStatus.REJECTED)
    ClaimFactory(article=article, start=4, end=12)
    client.force_login(staff_annotator)

    html = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "2 of 3 reviewed" in html
    workbench = client.get(reverse("admin:articles_article_workbench", args=[article.pk])).content.decode()
    assert "2 of 3 reviewed" in workbench
    assert '<ol class="breadcrumbs">' in workbench


def test_saving_a_pasted_article_lands_on_its_workbench(client, staff_annotator):
    client.force_login(staff_annotator)

    response = client.post(reverse("admin:articles_article_add"), {"raw": PASTED, "language": "en"}, follow=True)

    claims = Claim.objects.filter(article__headline="Ferry fares frozen for a year")
    assert claims.count() >= 2
    article_id = claims.first().article_id
    assert response.redirect_chain[-1][0] == reverse("admin:articles_article_workbench", args=[article_id])
    assert messages_of(response) == [
        f"Article “Ferry fares frozen for a year” saved: {claims.count()} claims proposed."
    ]


def test_a_transition_the_user_cannot_make_is_shown_disabled_with_the_reason(client, staff_editor):
    claim = ClaimFactory(status=ClaimStatus.REVIEWED, assignee=staff_editor)
    ReviewFactory(claim=claim, author=staff_editor, status=ReviewStatus.SUBMITTED)
    client.force_login(staff_editor)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert 'disabled aria-describedby="why-publish" data-transition="publish"' in html
    assert "You wrote this verdict; a second editor must publish it." in html
    assert html.count("You wrote this verdict") == 1  # sending it back is not offered: withdrawing is
    assert 'data-transition="withdraw"' in html
    # The same reason is on the workbench card, and posting anyway is still refused by the workflow.
    card = client.get(reverse("admin:articles_article_workbench", args=[claim.article_id])).content.decode()
    assert "You wrote this verdict; a second editor must publish it." in card
    response = client.post(reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]), follow=True)
    assert "You wrote this verdict; a second editor must publish it." in messages_of(response)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.REVIEWED


def test_annotators_see_why_they_cannot_assign(client, staff_annotator):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)
    client.force_login(staff_annotator)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert "Only a user with the reviewer role or higher can assign claims for review." in html


def test_saving_a_claim_says_its_text_in_one_pair_of_quotes(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {"start": claim.start, "end": claim.end, "kind": "claim", "claim_type": "opinion", "direct": "on"}

    response = client.post(url, data, follow=True)

    (message,) = messages_of(response)
    assert message.startswith("The claim “<a ") and f">{claim.text}</a>” was changed" in message
    assert "““" not in message and "””" not in message


def test_verdict_summary_is_a_textarea(client, staff_reviewer):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, assignee=staff_reviewer)
    client.force_login(staff_reviewer)

    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert '<textarea name="summary"' in html


def test_dashboard_counts_undated_articles_as_undated(client, staff_viewer):
    ClaimFactory(article__published=datetime.date(2025, 3, 4))
    ClaimFactory(article__published=None, status=ClaimStatus.ACCEPTED)
    client.force_login(staff_viewer)

    response = client.get(reverse("admin:claims_dashboard"))

    stats = response.context["stats"]
    assert stats.by_month == [("Mar\n2025", 1), ("undated", 1)]
    html = response.content.decode()
    assert "1 of 2" in html and "reviewed" in html
    assert "Trend" not in html
    assert '<tspan x="' in html and ">2025</tspan>" in html
    assert 'style="' not in html[html.index('<div class="dashboard">') :]


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    icon = finders.find(response["Location"].removeprefix(settings.STATIC_URL).lstrip("/"))
    assert icon and Path(icon).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get(reverse("admin:login")).content.decode()
    assert f'<link rel="icon" href="{response["Location"]}"' in page
