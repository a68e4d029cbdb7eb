"""API tokens in the admin: issued only for the signed-in user, the key shown once, revocable by editors."""

import pytest
from rest_framework.test import APIClient

from claims.choices import ClaimStatus, ReviewStatus
from claims.models.tokens import APIToken, token_hash
from tests.factories import ClaimFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/claims/apitoken/add/"


def _key_from(response) -> str:
    """The key shown on the answer to the POST: the only token whose hash matches a word of the page."""
    page = response.content.decode()
    for token in APIToken.objects.all():
        marker = f'value="{token.prefix}'
        if marker in page:
            start = page.index(marker) + len('value="')
            key = page[start : page.index('"', start)]
            assert token_hash(key) == token.key_hash
            return key
    raise AssertionError("no key on the page")


def test_the_add_form_has_no_user_field(client, staff_editor):
    client.force_login(staff_editor)
    page = client.get(ADD)
    assert page.status_code == 200
    assert 'name="user"' not in page.content.decode()
    assert 'name="name"' in page.content.decode()


def test_a_token_posted_for_another_user_is_issued_to_the_signed_in_user(client, staff_editor):
    other = UserFactory(username="second-editor")
    client.force_login(staff_editor)
    response = client.post(ADD, {"name": "cms", "user": other.pk})
    assert response.status_code == 200
    token = APIToken.objects.get()
    assert token.user == staff_editor and token.name == "cms"
    assert not other.api_tokens.exists()
    assert _key_from(response)


def test_the_key_is_shown_once_and_never_travels_in_a_cookie(client, staff_editor):
    client.force_login(staff_editor)
    response = client.post(ADD, {"name": "cms"})
    key = _key_from(response)
    assert "no-store" in response.headers["Cache-Control"]
    for morsel in response.cookies.values():
        assert key not in morsel.OutputString()
    assert "messages" not in response.cookies
    # Nothing shows it again: the change page and the list have the prefix only.
    token = APIToken.objects.get()
    for url in (f"/admin/claims/apitoken/{token.pk}/change/", "/admin/claims/apitoken/"):
        page = client.get(url)
        assert page.status_code == 200 and key not in page.content.decode()


def test_an_editor_may_revoke_another_users_token_but_never_read_its_key(client, staff_editor, reviewer):
    from claims.services.tokens import token_create

    created = token_create(user=reviewer, name="theirs")
    client.force_login(staff_editor)
    page = client.get(f"/admin/claims/apitoken/{created.token.pk}/change/")
    assert page.status_code == 200 and created.key not in page.content.decode()
    client.post("/admin/claims/apitoken/", {"action": "revoke", "_selected_action": [created.token.pk]}, follow=True)
    created.token.refresh_from_db()
    assert created.token.revoked_at is not None


def test_four_eyes_holds_with_a_token_minted_in_the_admin(client, staff_editor):
    """An editor who tries to mint a token for a second editor gets one that acts as themselves."""
    second = UserFactory(username="second-editor", is_staff=True)
    second.groups.set(staff_editor.groups.all())
    review = ReviewFactory(
        author=staff_editor, status=ReviewStatus.SUBMITTED, claim=ClaimFactory(status=ClaimStatus.REVIEWED)
    )
    client.force_login(staff_editor)
    key = _key_from(client.post(ADD, {"name": "impersonation", "user": second.pk}))

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    etag = api.get(f"/api/v1/reviews/{review.pk}/").headers["ETag"]
    refused = api.post(f"/api/v1/reviews/{review.pk}/publish/", HTTP_IF_MATCH=etag)
    assert refused.status_code in (403, 409), refused.content
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    # The second editor, signed in as themselves, may publish it: the refusal above was about who acted.
    client.force_login(second)
    own_key = _key_from(client.post(ADD, {"name": "own"}))
    api.credentials(HTTP_AUTHORIZATION=f"Token {own_key}")
    assert api.post(f"/api/v1/reviews/{review.pk}/publish/", HTTP_IF_MATCH=etag).status_code == 200
