"""Webhooks reach public addresses only (unless a setting allows a host), checked on save and on delivery."""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from claims import workflow
from claims.models import WebhookAttempt, WebhookSubscription
from claims.services.webhooks import webhook_subscription_create, webhook_subscription_update
from claims.webhooks.targets import UnsafeTarget, target_check
from tests.claims.webhooks.conftest import IMMEDIATE_TASKS
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

REFUSED = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/",
    "http://127.8.9.10/",
    "http://localhost:6379/",
    "http://[::1]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.10/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://224.0.0.251/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
]
# Numeric host forms the URL validator already refuses; resolved, they lead to loopback too.
NUMERIC = ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/"]


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = []


@pytest.mark.parametrize("url", REFUSED)
def test_non_public_targets_are_refused_when_saved(url, webhook_admin):
    with pytest.raises(ValidationError) as refused:
        webhook_subscription_create(url=url, events=["claim.accepted"], user=webhook_admin)
    assert "public addresses only" in refused.value.message_dict["url"][0]
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("url", NUMERIC)
def test_numeric_host_forms_are_refused(url, webhook_admin):
    with pytest.raises(UnsafeTarget):
        target_check(url)
    with pytest.raises(ValidationError):
        webhook_subscription_create(url=url, events=["claim.accepted"], user=webhook_admin)


def test_public_addresses_and_unresolved_names_are_accepted(webhook_admin):
    for url in ("https://93.184.216.34/hooks", "https://[2606:4700::1111]/hooks", "https://receiver.example/"):
        webhook_subscription_create(url=url, events=["claim.accepted"], user=webhook_admin)
    assert WebhookSubscription.objects.count() == 3


def test_an_update_is_checked_too(webhook_admin):
    subscription, _ = webhook_subscription_create(
        url="https://93.184.216.34/", events=["claim.accepted"], user=webhook_admin
    )
    with pytest.raises(ValidationError) as refused:
        webhook_subscription_update(subscription=subscription, user=webhook_admin, url="http://[::1]:8000/")
    assert "url" in refused.value.message_dict


def test_the_setting_allows_chosen_hosts_and_networks(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["localhost", "10.20.0.0/16"]
    assert target_check("http://localhost:9000/x").address in ("127.0.0.1", "::1")
    assert target_check("http://10.20.3.4/x?a=1").path == "/x?a=1"
    with pytest.raises(UnsafeTarget):
        target_check("http://10.21.0.1/")


def test_the_api_answers_a_field_level_400(api_client, editor):
    api_client.force_authenticate(editor)
    created = api_client.post(
        "/api/v1/webhooks/", {"url": "http://169.254.169.254/", "events": ["claim.accepted"]}, format="json"
    )
    assert created.status_code == 400 and "url" in created.json(), created.content
    ok = api_client.post(
        "/api/v1/webhooks/", {"url": "https://93.184.216.34/", "events": ["claim.accepted"]}, format="json"
    )
    assert ok.status_code == 201
    changed = api_client.patch(
        f"/api/v1/webhooks/{ok.json()['id']}/", {"url": "http://[::ffff:10.0.0.1]/"}, format="json"
    )
    assert changed.status_code == 400 and "url" in changed.json()
    assert WebhookSubscription.objects.get().url == "https://93.184.216.34/"


def test_the_admin_shows_the_refusal_on_the_field(client, editor):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    page = client.post(
        "/admin/claims/webhooksubscription/add/",
        {"url": "http://127.0.0.1:6379/", "events": ["claim.accepted"], "is_active": "on"},
    )
    assert page.status_code == 200
    assert "public addresses only" in str(page.context["adminform"].form.errors["url"])
    assert not WebhookSubscription.objects.exists()


@pytest.fixture
def accept_now(annotator, django_capture_on_commit_callbacks):
    def run():
        with override_settings(TASKS=IMMEDIATE_TASKS), django_capture_on_commit_callbacks(execute=True):
            workflow.claim_accept(claim=ClaimFactory(), user=annotator)

    return run


def test_every_delivery_checks_the_target_again(receiver, webhook_admin, settings, accept_now):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    webhook_subscription_create(url=receiver.url, events=["claim.accepted"], user=webhook_admin)
    settings.WEBHOOK_ALLOWED_HOSTS = []
    accept_now()
    assert receiver.requests == []
    attempts = list(WebhookAttempt.objects.all())
    assert attempts and all(a.error.startswith("Refused:") and "loopback" in a.error for a in attempts)
    assert not any(a.succeeded for a in attempts)


def test_a_name_is_resolved_once_and_the_checked_address_is_used(
    receiver, webhook_admin, settings, monkeypatch, accept_now
):
    """A DNS answer that changes between the check and the connection (rebinding) is never used."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.0/8"]
    port = int(receiver.url.split(":")[2].split("/")[0])
    real = socket.getaddrinfo
    answers = ["127.0.0.1", "10.9.9.9", "10.9.9.9"]
    asked = []

    def rebinding(host, *args, **kwargs):
        if host != "hooks.rebind.test":
            return real(host, *args, **kwargs)
        asked.append(host)
        address = answers.pop(0)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, args[0] if args else port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    settings.WEBHOOK_TIMEOUT = 2
    webhook_subscription_create(
        url=f"http://hooks.rebind.test:{port}/hooks", events=["claim.accepted"], user=webhook_admin
    )
    assert asked == ["hooks.rebind.test"]
    answers[:] = ["127.0.0.1", "10.9.9.9"]
    accept_now()
    assert asked == ["hooks.rebind.test"] * 2  # one lookup at save, one per delivery
    [request] = receiver.requests
    assert request.headers["Host"] == f"hooks.rebind.test:{port}"
    assert WebhookAttempt.objects.get().succeeded


def test_redirects_are_not_followed_and_little_of_a_reply_is_kept(receiver, subscribe, settings, accept_now):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    receiver.script = [302]
    receiver.reply = b"secret-internal-data " * 500
    subscribe(receiver.url)
    accept_now()
    attempt = WebhookAttempt.objects.order_by("number").first()
    assert attempt.status_code == 302 and not attempt.succeeded and "not followed" in attempt.error
    assert 0 < len(attempt.response_body) <= 200
