"""A small published world: verdicts with sources, responses and a correction, next to unpublished work."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from claims.choices import ClaimStatus, Rating, RelationType, ReviewStatus, Stance
from claims.models import Claim, Speaker
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    OutletFactory,
    ResponseClaimFactory,
    ReviewFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
)


@dataclass
class World:
    claim: Claim
    corrected: Claim
    response: Claim
    proposed_response: Claim
    unpublished: Claim
    speaker: Speaker
    hidden_speaker: Speaker


def publish(claim, *, rating=Rating.MOSTLY_FALSE, summary="Growth was far lower than claimed.", when=None, **extra):
    claim.status = ClaimStatus.PUBLISHED
    claim.save(update_fields=["status"])
    return ReviewFactory(
        claim=claim,
        rating=rating,
        summary=summary,
        status=ReviewStatus.PUBLISHED,
        published_at=when or timezone.now(),
        approved_by=UserFactory(),
        **extra,
    )


@pytest.fixture
def world(db) -> World:
    outlet = OutletFactory(name="The Morning Ledger")
    article = ArticleFactory(
        headline="Treasury defends its forecast",
        url="https://ledger.example/treasury-forecast",
        published=dt.date(2025, 3, 4),
        outlet=outlet,
        body=(
            "Ministers met on Tuesday. The chancellor told the committee: “Exports rose by a third last year.” "
            "She did not take questions.\n\n"
            "A spokesperson for the opposition said: “That number is invented.”"
        ),
    )
    speaker = SpeakerFactory(name="Dana Quillfeather")
    claim = ClaimFactory(article=article, speaker=speaker)
    publish(claim, body="Trade figures show exports rose by 4 per cent.", published_url="")
    source = SourceFactory(
        title="Quarterly trade bulletin", url="https://stats.example/trade", publisher="Office of Numbers"
    )
    CitationFactory(claim=claim, source=source, stance=Stance.CONTRADICTS, excerpt="Exports rose 4 per cent.")
    response = ResponseClaimFactory(article=article, speaker=SpeakerFactory(name="Opposition spokesperson"))
    response.status = ClaimStatus.ACCEPTED
    response.save(update_fields=["status"])
    ClaimRelationFactory(source=response, target=claim, relation_type=RelationType.REBUTS)

    corrected_article = ArticleFactory(
        headline="Mayor on bus routes",
        body="The mayor said: “We added forty bus routes.” Officials agreed.\n\nA rival said: “Not true.”",
    )
    corrected = ClaimFactory(article=corrected_article, speaker=speaker)
    first = publish(
        corrected, rating=Rating.FALSE, summary="No new routes were added.", when=timezone.now() - dt.timedelta(days=3)
    )
    first.status = ReviewStatus.SUPERSEDED
    first.save(update_fields=["status"])
    publish(corrected, rating=Rating.MOSTLY_TRUE, summary="Thirty-six routes were added.", supersedes=first)

    hidden_speaker = SpeakerFactory(name="Rowan Unpublishedson")
    unpublished_article = ArticleFactory(
        headline="Secret draft story", body="The councillor said: “Rents fell everywhere.”\n\nA tenant said: “No.”"
    )
    unpublished = ClaimFactory(article=unpublished_article, speaker=hidden_speaker, status=ClaimStatus.REVIEWED)
    ReviewFactory(claim=unpublished, status=ReviewStatus.SUBMITTED, summary="Draft verdict nobody approved.")
    # A proposal answering the published claim: not confirmed, so never shown.
    proposed_response = ResponseClaimFactory(article=unpublished_article, speaker=hidden_speaker)
    ClaimRelationFactory(source=proposed_response, target=claim, relation_type=RelationType.DENIES)
    return World(claim, corrected, response, proposed_response, unpublished, speaker, hidden_speaker)
