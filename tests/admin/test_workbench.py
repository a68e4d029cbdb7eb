"""The article workbench: escaped text, highlighted spans, and claims, links and citations made from it."""

import hashlib

import pytest
from django.urls import reverse

from articles.models import Article
from claims.choices import ClaimKind, ClaimStatus, Rating, RelationType, ReviewStatus, Stance
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker
from tests.admin.conftest import messages_of
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ResponseClaimFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    "The minister said: “<script>alert('body')</script> growth is <b>strong</b>.”\n\n"
    "A spokesman said: “These figures are false & misleading.”"
)


def _article(body: str = HOSTILE, headline: str = "Budget row <script>alert('headline')</script>"):
    raw = f"{headline}\n\n{body}"
    return ArticleFactory(
        body=body, headline=headline, raw_text=raw, content_hash=hashlib.sha256(raw.encode()).hexdigest()
    )


def _url(article) -> str:
    return reverse("admin:articles_article_workbench", args=[article.pk])


def test_article_text_and_speaker_names_are_escaped(client, staff_annotator):
    article = _article()
    ClaimFactory(article=article, speaker=SpeakerFactory(name="Evil <img src=x onerror=alert(1)>"))
    client.force_login(staff_annotator)

    html = client.get(_url(article)).content.decode()

    assert "<script>alert(" not in html
    assert "<b>strong</b>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;strong&lt;/b&gt;" in html
    assert "false &amp; misleading" in html


def test_claims_are_marked_by_kind_and_status_with_the_speaker_on_hover(client, staff_annotator):
    article = _article()
    claim = ClaimFactory(article=article, speaker=SpeakerFactory(name="Jo Minister"), status=ClaimStatus.ACCEPTED)
    response = ResponseClaimFactory(article=article, speaker=SpeakerFactory(name="Sam Spokes"))
    ClaimRelation.objects.create(source=response, target=claim, relation_type=RelationType.REBUTS)
    client.force_login(staff_annotator)

    page = client.get(_url(article))
    html = page.content.decode()

    assert f'class="claim kind-claim status-accepted first" data-claim="{claim.pk}"' in html
    assert f'class="claim kind-response status-proposed first" data-claim="{response.pk}"' in html
    assert f"#{claim.pk} Jo Minister — Claim, Other, Accepted" in html
    # The response lists what it answers, and the JSON map lets hovering light up both ends.
    assert f'data-goto="{claim.pk}"' in html
    assert page.context["relations"][str(response.pk)]["targets"] == [claim.pk]
    assert page.context["relations"][str(claim.pk)]["sources"] == [response.pk]


def test_text_outside_claims_is_left_unmarked_and_complete(client, staff_annotator):
    article = _article()
    ClaimFactory(article=article)
    client.force_login(staff_annotator)

    page = client.get(_url(article))

    body_html = str(page.context["body_html"])
    assert body_html.count("<mark") == 1
    # Dropping the tags and unescaping gives back exactly the body the offsets refer to.
    import html as html_lib
    import re

    assert html_lib.unescape(re.sub(r"<[^>]+>", "", body_html)) == article.body


def test_workbench_query_count_is_the_same_for_10_and_500_claims(client, staff_annotator):
    """Every kind of row a card shows (speaker, links both ways, citations, verdicts waiting for approval)
    comes from a fixed set of queries, however many claims the article has."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = "".join(f"Speaker {i} said: “Statement number {i:03d}.”\n\n" for i in range(500))
    article = _article(body=body, headline="Five hundred quotes")
    speaker, author = SpeakerFactory(), UserFactory()
    client.force_login(staff_annotator)

    def add(numbers: range) -> None:
        statuses = [ClaimStatus.PROPOSED, ClaimStatus.ACCEPTED, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED]
        claims = []
        for i in numbers:
            start = body.index(f"Statement number {i:03d}.")
            claims.append(
                Claim(
                    article=article,
                    speaker=speaker,
                    text=body[start : start + 21],
                    start=start,
                    end=start + 21,
                    status=statuses[i % 4],
                )
            )
        claims = Claim.objects.bulk_create(claims)
        Review.objects.bulk_create(
            Review(claim=claim, author=author, rating=Rating.MOSTLY_FALSE, summary="s", status=ReviewStatus.SUBMITTED)
            for claim in claims
            if claim.status == ClaimStatus.REVIEWED
        )
        for claim in claims[::5]:
            CitationFactory(claim=claim)
        ClaimRelation.objects.bulk_create(
            ClaimRelation(source=claims[n], target=claims[n - 1], relation_type=RelationType.REBUTS)
            for n in range(1, len(claims), 3)
        )

    def measure(expected: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(article))
        assert response.status_code == 200
        assert len(response.context["cards"]) == expected
        return len(queries)

    add(range(10))
    client.get(_url(article))
    few = measure(10)
    add(range(10, 500))
    assert measure(500) == few


def test_selecting_text_creates_a_claim_with_a_new_speaker(client, staff_annotator):
    article = _article()
    start = article.body.index("These figures")
    end = article.body.index("misleading") + len("misleading")
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:articles_article_claim_create", args=[article.pk]),
        {
            "start": start,
            "end": end,
            "new_speaker_name": "An opposition spokesman",
            "new_speaker_kind": "spokesperson",
            "kind": ClaimKind.RESPONSE,
            "claim_type": "factual",
            "direct": "on",
        },
        follow=True,
    )

    claim = Claim.objects.get(article=article)
    assert claim.text == "These figures are false & misleading"
    assert (claim.start, claim.end, claim.kind, claim.status) == (start, end, "response", "proposed")
    assert claim.speaker.name == "An opposition spokesman" and claim.speaker.kind == "spokesperson"
    assert claim.created_by == staff_annotator
    assert response.redirect_chain[-1][0].endswith(f"#claim-{claim.pk}")
    assert any("created" in m for m in messages_of(response))


def test_offsets_count_characters_not_bytes(client, staff_annotator):
    body = "Emoji 🎉 first. She said: “Café prices rose 5%.”"
    article = _article(body=body, headline="Unicode")
    start = body.index("Café")
    client.force_login(staff_annotator)

    client.post(
        reverse("admin:articles_article_claim_create", args=[article.pk]),
        {
            "start": start,
            "end": start + len("Café prices rose 5%."),
            "kind": "claim",
            "claim_type": "statistical",
            "new_speaker_kind": "person",
        },
    )

    assert Claim.objects.get(article=article).text == "Café prices rose 5%."


def test_viewer_cannot_create_a_claim_and_is_told_why(client, staff_viewer):
    article = _article()
    client.force_login(staff_viewer)

    response = client.post(
        reverse("admin:articles_article_claim_create", args=[article.pk]),
        {
            "start": 0,
            "end": 12,
            "kind": "claim",
            "claim_type": "other",
            "new_speaker_kind": "person",
            "new_speaker_name": "Nobody",
        },
        follow=True,
    )

    assert not Claim.objects.filter(article=article).exists()
    assert not Speaker.objects.filter(name="Nobody").exists()
    assert any("annotator" in m for m in messages_of(response))


def test_an_invalid_span_is_reported_not_raised(client, staff_annotator):
    article = _article()
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:articles_article_claim_create", args=[article.pk]),
        {"start": 5, "end": 10_000, "kind": "claim", "claim_type": "other", "new_speaker_kind": "person"},
        follow=True,
    )

    assert response.status_code == 200
    assert not Claim.objects.filter(article=article).exists()
    assert messages_of(response)


def test_link_a_response_to_the_claim_it_answers(client, staff_annotator):
    article = _article()
    claim = ClaimFactory(article=article)
    answer = ResponseClaimFactory(article=article)
    client.force_login(staff_annotator)

    client.post(
        reverse("admin:articles_article_link", args=[article.pk]),
        {"claim": answer.pk, "relation_type": RelationType.REBUTS, "target": claim.pk, "note": "party line"},
    )

    relation = ClaimRelation.objects.get()
    assert (relation.source, relation.target, relation.relation_type) == (answer, claim, "rebuts")
    assert relation.created_by == staff_annotator


def test_link_to_a_claim_in_another_article(client, staff_annotator):
    relation = ClaimRelationFactory()  # some other pair, to have claims elsewhere
    article = _article()
    answer = ResponseClaimFactory(article=article)
    client.force_login(staff_annotator)

    client.post(
        reverse("admin:articles_article_link", args=[article.pk]),
        {"claim": answer.pk, "relation_type": RelationType.DENIES, "other_target": relation.target.pk},
    )

    assert ClaimRelation.objects.filter(source=answer, target=relation.target, relation_type="denies").exists()


def test_cite_a_new_source(client, staff_annotator):
    article = _article()
    claim = ClaimFactory(article=article)
    client.force_login(staff_annotator)

    client.post(
        reverse("admin:articles_article_cite", args=[article.pk]),
        {
            "claim": claim.pk,
            "new_source_title": "Quarterly growth figures",
            "new_source_url": "https://stats.example/q3",
            "new_source_type": "dataset",
            "stance": Stance.CONTRADICTS,
            "excerpt": "0.4 per cent",
        },
    )

    citation = Citation.objects.select_related("source").get(claim=claim)
    assert citation.source.title == "Quarterly growth figures"
    assert citation.stance == "contradicts"
    assert Source.objects.count() == 1


def test_accept_button_on_the_workbench_goes_through_the_workflow(client, staff_annotator):
    article = _article()
    claim = ClaimFactory(article=article)
    client.force_login(staff_annotator)
    workbench = _url(article)

    html = client.get(workbench).content.decode()
    accept_url = reverse("admin:claims_claim_transition", args=[claim.pk, "accept"])
    assert accept_url in html and 'data-key="a"' in html

    response = client.post(accept_url, {"next": f"{workbench}#claim-{claim.pk}"})

    assert response.status_code == 302 and response["Location"] == f"{workbench}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.status_changed_by == staff_annotator


def test_redirect_after_a_transition_stays_on_this_site(client, staff_annotator):
    claim = ClaimFactory()
    client.force_login(staff_annotator)

    response = client.post(
        reverse("admin:claims_claim_transition", args=[claim.pk, "accept"]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("admin:claims_claim_change", args=[claim.pk])


def test_article_change_form_links_to_the_workbench(client, staff_user):
    article = _article()
    client.force_login(staff_user)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert _url(article) in html


def test_adding_an_article_imports_its_text_and_proposes_its_claims(client, staff_user):
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "raw": "Ministers clash over budget\n\nThe minister said: “All is well.”",
            "outlet_name": "Daily Example",
            "language": "en",
        },
        follow=True,
    )

    assert response.status_code == 200
    article = Article.objects.get()
    assert article.outlet.name == "Daily Example"
    assert "All is well." in article.body
    proposal = article.claims.get()
    assert (proposal.text, proposal.status, proposal.origin) == ("All is well.", "proposed", "extracted")
    insert = Article.pgh_event_model.objects.select_related("pgh_context").get(pgh_label="insert")
    assert insert.pgh_context.metadata["user"] == staff_user.pk
