"""Webhook subscriptions in the admin: the signing secret is shown once, in the page, never in a cookie."""

import re

import pytest

from claims.models import WebhookSubscription
from claims.webhooks.signing import sign

pytestmark = pytest.mark.django_db


def _shown_secret(response) -> str:
    match = re.search(r'<input type="text" readonly size="60" value="([^"]+)"', response.content.decode())
    assert match, "no secret on the page"
    return match.group(1)


def _assert_not_in_cookies(response, secret: str) -> None:
    assert "no-store" in response.headers["Cache-Control"]
    for morsel in response.cookies.values():
        assert secret not in morsel.OutputString()
    assert "messages" not in response.cookies


def test_a_new_subscription_shows_its_secret_once_and_not_in_a_cookie(client, staff_editor, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = []
    client.force_login(staff_editor)
    response = client.post(
        "/admin/claims/webhooksubscription/add/",
        {"url": "https://93.184.216.34/hooks", "events": ["claim.accepted"], "is_active": "on"},
    )
    assert response.status_code == 200
    secret = _shown_secret(response)
    subscription = WebhookSubscription.objects.get()
    assert sign(secret, b"x") == sign(subscription.secret, b"x")
    _assert_not_in_cookies(response, secret)
    page = client.get(f"/admin/claims/webhooksubscription/{subscription.pk}/change/")
    assert secret not in page.content.decode()


def test_rotating_shows_the_new_secret_once_and_not_in_a_cookie(client, staff_editor):
    subscription = WebhookSubscription.objects.create(
        url="https://93.184.216.34/", events=["claim.accepted"], secret="old"
    )
    client.force_login(staff_editor)
    response = client.post(
        "/admin/claims/webhooksubscription/",
        {"action": "rotate_secret", "_selected_action": [subscription.pk]},
    )
    assert response.status_code == 200
    secret = _shown_secret(response)
    subscription.refresh_from_db()
    assert subscription.secret == secret != "old"
    _assert_not_in_cookies(response, secret)
