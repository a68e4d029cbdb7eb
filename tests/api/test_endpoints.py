"""Every endpoint declared against the shared base: 401, 403, list, retrieve, create, update, delete, queries."""

from claims.choices import ClaimStatus, ReviewStatus, WebhookEvent
from claims.models.webhooks import WebhookSubscription
from claims.services.tokens import token_create
from tests.api.base import CreateTests, DeleteTests, EndpointTest, PreconditionTests, ReplaceTests, UpdateTests
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ReviewFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    UserFactory,
)


class TestArticles(CreateTests, EndpointTest):
    basename = "article"
    write_role = "editor"

    def make(self, request):
        article = ArticleFactory()
        ClaimFactory(article=article)
        return article

    def create_data(self, request):
        return {
            "text": "Budget row\n\nThe minister said: “Growth is strong and rising every year.”",
            "outlet": "Daily Example",
            "url": "https://daily.example/budget",
        }


class TestSpeakers(CreateTests, UpdateTests, EndpointTest):
    basename = "speaker"

    def make(self, request):
        speaker = SpeakerFactory()
        SpeakerAliasFactory(speaker=speaker)
        ClaimFactory(speaker=speaker)
        return speaker

    def create_data(self, request):
        return {"name": "Pat Example", "kind": "person", "aliases": ["Example"]}

    def update_data(self, request, obj):
        return {"name": "Pat Renamed", "description": "Former minister"}


class TestClaims(CreateTests, UpdateTests, ReplaceTests, DeleteTests, PreconditionTests, EndpointTest):
    basename = "claim"
    # Deleting a claim needs the model's delete permission, which only editors' group holds.
    delete_role = "editor"

    def make(self, request):
        claim = ClaimFactory()
        CitationFactory(claim=claim)
        return claim

    def create_data(self, request):
        article = ArticleFactory()
        start = article.body.index("These")
        return {"article": article.pk, "start": start, "end": start + len("These figures"), "claim_type": "factual"}

    def update_data(self, request, obj):
        return {"claim_type": "statistical", "direct": False}

    def replace_data(self, request, obj):
        start = obj.article.body.index("The budget")
        return {
            "start": start,
            "end": start + len("The budget is balanced"),
            "speaker": SpeakerFactory().pk,
            "kind": "response",
            "claim_type": "factual",
            "direct": False,
        }


class TestRelations(CreateTests, UpdateTests, DeleteTests, EndpointTest):
    basename = "relation"

    def make(self, request):
        return ClaimRelationFactory()

    def create_data(self, request):
        relation = ClaimRelationFactory.build(target=ClaimFactory())
        response = ClaimFactory(
            article=relation.target.article, start=relation.target.end + 5, end=relation.target.end + 20
        )
        return {"source": response.pk, "target": relation.target.pk, "relation_type": "denies", "note": "n"}

    def update_data(self, request, obj):
        return {"relation_type": "clarifies", "note": "A clarification rather than a rebuttal."}


class TestSources(CreateTests, UpdateTests, DeleteTests, EndpointTest):
    basename = "source"
    delete_role = "editor"

    def make(self, request):
        return CitationFactory().source

    def make_deletable(self, request):
        return SourceFactory()

    def create_data(self, request):
        return {"title": "Budget 2018 tables", "source_type": "dataset", "url": "https://stats.example/budget"}

    def update_data(self, request, obj):
        return {"publisher": "Office for Budget Examples"}


class TestCitations(CreateTests, UpdateTests, DeleteTests, EndpointTest):
    basename = "citation"

    def make(self, request):
        return CitationFactory()

    def create_data(self, request):
        return {"claim": ClaimFactory().pk, "source": SourceFactory().pk, "stance": "supports", "excerpt": "x"}

    def update_data(self, request, obj):
        return {"stance": "context", "excerpt": "Growth was revised to 0.6 per cent."}


class TestReviews(UpdateTests, DeleteTests, PreconditionTests, EndpointTest):
    """Verdicts are written through the workflow; PATCH revises and DELETE withdraws the author's own."""

    basename = "review"
    write_role = "reviewer"
    denied_role = "annotator"

    def make(self, request):
        # A verdict the write role wrote, waiting for approval: the only kind its author may revise or withdraw.
        return ReviewFactory(
            claim=ClaimFactory(status=ClaimStatus.REVIEWED),
            author=request.getfixturevalue(self.write_role),
            status=ReviewStatus.SUBMITTED,
        )

    def update_data(self, request, obj):
        return {"rating": "false", "summary": "Growth was 0.4 per cent, not 2."}

    def assert_deleted(self, client, url, response):
        # Withdrawn, not erased: the verdict stays on record and the claim goes back to review.
        assert response.status_code == 200, response.content
        assert response.json()["status"] == ReviewStatus.WITHDRAWN
        after = client.get(url).json()
        assert after["status"] == ReviewStatus.WITHDRAWN
        assert client.get(f"/api/v1/claims/{after['claim']}/").json()["status"] == ClaimStatus.IN_REVIEW


class TestWebhooks(CreateTests, UpdateTests, DeleteTests, EndpointTest):
    basename = "webhook"
    read_role = write_role = "editor"
    denied_role = "reviewer"

    def make(self, request):
        return WebhookSubscription.objects.create(
            url="https://hooks.example/claims", events=[WebhookEvent.CLAIM_ACCEPTED], secret="s3cret-value"
        )

    def create_data(self, request):
        return {"url": "https://hooks.example/new", "events": ["claim.accepted", "review.published"]}

    def update_data(self, request, obj):
        return {"description": "CMS sync", "events": ["claim.rejected"]}

    def test_viewer_cannot_read_webhooks(self, api_client, request):
        self.make(request)
        client = self.as_role(api_client, request, "reviewer")
        assert client.get("/api/v1/webhooks/").status_code == 403


class TestTokens(CreateTests, EndpointTest):
    basename = "token"
    write_role = "viewer"

    def make(self, request):
        return token_create(user=request.getfixturevalue(self.read_role), name="cms").token

    def create_data(self, request):
        return {"name": "pipeline"}

    def test_create_with_invalid_input_is_400(self, api_client, request):
        client = self.as_role(api_client, request, self.write_role)
        assert client.post("/api/v1/tokens/", {"name": "x" * 500}, format="json").status_code == 400

    def test_create_with_wrong_role_is_403(self, api_client, request):
        # Every role may hold tokens; a signed-in user with no role may not.
        api_client.force_authenticate(UserFactory(username="nobody"))
        assert api_client.post("/api/v1/tokens/", {"name": "x"}, format="json").status_code == 403
