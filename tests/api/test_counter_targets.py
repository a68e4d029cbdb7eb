"""A response in a follow-up story gets suggested targets: recent claims in other articles that accuse its
speaker's organisation; a reviewer confirms one with a relation."""

import datetime as dt

import pytest

from claims.choices import ClaimKind, ClaimType, SpeakerKind
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def claim_in(body, text, *, published, **fields):
    article = ArticleFactory(body=body, published=published)
    start = body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), **fields)


def test_a_response_is_offered_the_accusations_it_may_answer(api_client, viewer, annotator):
    guild = SpeakerFactory(name="Millers Guild", kind=SpeakerKind.ORGANISATION)
    spokesman = SpeakerFactory(name="A Millers Guild spokesman", kind=SpeakerKind.SPOKESPERSON, organisation=guild)
    accuser = SpeakerFactory(name="Tessa Brand")
    accusation = claim_in(
        "Tessa Brand said the Millers Guild had rigged the flour prices: “They fixed every contract for a decade.”",
        "They fixed every contract for a decade.",
        published=dt.date(2026, 5, 1),
        speaker=accuser,
        claim_type=ClaimType.ACCUSATION,
    )
    unrelated = claim_in(
        "The baker said: “Bread sales are up this spring.”",
        "Bread sales are up this spring.",
        published=dt.date(2026, 5, 2),
        speaker=accuser,
    )
    old = claim_in(
        "Years ago Tessa Brand said of the Millers Guild: “They have always been secretive.”",
        "They have always been secretive.",
        published=dt.date(2025, 1, 1),
        speaker=accuser,
    )
    response = claim_in(
        "A Millers Guild spokesman said: “We reject these false allegations entirely.”",
        "We reject these false allegations entirely.",
        published=dt.date(2026, 5, 4),
        speaker=spokesman,
        kind=ClaimKind.RESPONSE,
    )
    api_client.force_authenticate(viewer)
    targets = api_client.get(f"/api/v1/claims/{response.pk}/counter-targets/").json()
    assert [t["id"] for t in targets] == [accusation.pk]
    assert unrelated.pk not in [t["id"] for t in targets] and old.pk not in [t["id"] for t in targets]

    api_client.force_authenticate(annotator)
    linked = api_client.post(
        "/api/v1/relations/",
        {"source": response.pk, "target": accusation.pk, "relation_type": "rebuts"},
        format="json",
    )
    assert linked.status_code == 201, linked.json()
    assert api_client.get(f"/api/v1/claims/{response.pk}/counter-targets/").json() == []
