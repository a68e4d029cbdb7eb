"""Repeated failed admin logins lock the account out (django-axes), until an admin lifts it."""

import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(settings):
    settings.AXES_FAILURE_LIMIT = 5
    user = UserFactory(username="desk", is_staff=True)
    user.set_password("the-right-password-42")
    user.save()
    return user


def _login(client, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": "desk", "password": password}, REMOTE_ADDR=address)


def test_the_right_password_works_before_any_failure(client, staff):
    assert _login(client, "the-right-password-42").status_code == 302


def test_after_five_failures_even_the_right_password_is_refused(client, staff):
    for n in range(5):
        response = _login(client, f"wrong-{n}")
        assert response.status_code in (200, 429)
    locked = _login(client, "the-right-password-42")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is locked out of the account as well: the account is what is protected.
    assert _login(client, "the-right-password-42", address="198.51.100.9").status_code == 429


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, staff):
    for n in range(5):
        client.post(LOGIN, {"username": "desk", "password": f"wrong-{n}"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _login(client, "the-right-password-42").status_code == 429


def test_axes_reset_lifts_the_lockout(client, staff):
    for n in range(6):
        _login(client, f"wrong-{n}")
    assert _login(client, "the-right-password-42").status_code == 429
    call_command("axes_reset", stdout=io.StringIO())
    assert not AccessAttempt.objects.exists()
    assert _login(client, "the-right-password-42").status_code == 302


def test_admins_see_and_delete_attempts_in_the_admin(client, staff, staff_user):
    for n in range(6):
        _login(client, f"wrong-{n}")
    attempt = AccessAttempt.objects.get(username="desk")
    client.force_login(staff_user)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client.logout()
    assert _login(client, "the-right-password-42").status_code == 302
