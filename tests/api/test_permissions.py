"""The permission matrix: which role may do what through the API."""

import pytest

from claims.choices import ClaimStatus, ReviewStatus
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ReviewFactory,
    SourceFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db
ROLES = ("viewer", "annotator", "reviewer", "editor")


def create_claim(client, request):
    article = ArticleFactory()
    start = article.body.index("These")
    return client.post("/api/v1/claims/", {"article": article.pk, "start": start, "end": start + 5}, format="json")


def accept(client, request):
    return client.post(f"/api/v1/claims/{ClaimFactory().pk}/accept/")


def assign(client, request):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)
    return client.post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": request.getfixturevalue("reviewer").pk}, format="json"
    )


def merge(client, request):
    source, target = SpeakerFactory(), SpeakerFactory()
    return client.post(f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk}, format="json")


def list_webhooks(client, request):
    return client.get("/api/v1/webhooks/")


def import_article(client, request):
    return client.post("/api/v1/articles/", {"text": "Headline\n\nThe minister said: “We will win.”"}, format="json")


def read_claims(client, request):
    return client.get("/api/v1/claims/")


def _if_match(client, url: str) -> dict:
    return {"HTTP_IF_MATCH": client.get(url).headers["ETag"]}


def replace_claim(client, request):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    data = {"start": claim.start, "end": claim.end, "speaker": None, "kind": "claim", "claim_type": "other"}
    return client.put(url, {**data, "direct": False}, format="json", **_if_match(client, url))


def delete_claim(client, request):
    url = f"/api/v1/claims/{ClaimFactory().pk}/"
    return client.delete(url, **_if_match(client, url))


def update_relation(client, request):
    return client.patch(f"/api/v1/relations/{ClaimRelationFactory().pk}/", {"relation_type": "denies"}, format="json")


def update_citation(client, request):
    return client.patch(f"/api/v1/citations/{CitationFactory().pk}/", {"stance": "supports"}, format="json")


def delete_source(client, request):
    return client.delete(f"/api/v1/sources/{SourceFactory().pk}/")


def _own_waiting_review(client):
    # The verdict is the signed-in user's own: only its author may revise or withdraw it.
    return ReviewFactory(
        claim=ClaimFactory(status=ClaimStatus.REVIEWED),
        author=client.handler._force_user,
        status=ReviewStatus.SUBMITTED,
    )


def revise_review(client, request):
    url = f"/api/v1/reviews/{_own_waiting_review(client).pk}/"
    return client.patch(url, {"rating": "false"}, format="json", **_if_match(client, url))


def withdraw_review(client, request):
    url = f"/api/v1/reviews/{_own_waiting_review(client).pk}/"
    return client.delete(url, **_if_match(client, url))


def withdraw_review_action(client, request):
    return client.post(f"/api/v1/reviews/{_own_waiting_review(client).pk}/withdraw/")


# The lowest role allowed; every role below it gets 403.
MATRIX = [
    (read_claims, "viewer", 200),
    (create_claim, "annotator", 201),
    (accept, "annotator", 200),
    (assign, "reviewer", 200),
    (merge, "editor", 200),
    (list_webhooks, "editor", 200),
    (import_article, "annotator", 201),
    (replace_claim, "annotator", 200),
    # The service lets annotators delete claims and sources, but only the editor group holds the model's
    # delete permission, which the API requires as well.
    (delete_claim, "editor", 204),
    (update_relation, "annotator", 200),
    (update_citation, "annotator", 200),
    (delete_source, "editor", 204),
    (revise_review, "reviewer", 200),
    (withdraw_review, "reviewer", 200),
    (withdraw_review_action, "reviewer", 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("operation", "lowest", "success"), MATRIX, ids=[m[0].__name__ for m in MATRIX])
def test_permission_matrix(api_client, request, role, operation, lowest, success):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = operation(api_client, request)
    expected = success if ROLES.index(role) >= ROLES.index(lowest) else 403
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(("operation", "lowest", "success"), MATRIX, ids=[m[0].__name__ for m in MATRIX])
def test_superuser_may_do_everything(api_client, staff_user, request, operation, lowest, success):
    api_client.force_authenticate(staff_user)
    assert operation(api_client, request).status_code == success
