"""manage.py set_role gives people one role and the admin access to use it."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from claims import permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def set_role(*args) -> str:
    out = io.StringIO()
    call_command("set_role", *args, stdout=out)
    return out.getvalue()


def test_role_replaces_the_previous_one_and_opens_the_admin():
    user = UserFactory(username="dana")
    set_role("dana", "annotator")
    assert "dana is now a reviewer." in set_role("dana", "reviewer")
    user.refresh_from_db()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]
    assert permissions.can(user, permissions.REVIEW)
    assert not permissions.can(user, permissions.PUBLISH)


def test_create_prints_a_one_time_password():
    out = set_role("eli", "viewer", "--create")
    password = out.split("Password (shown once): ")[1].strip()
    assert User.objects.get(username="eli").check_password(password)


def test_unknown_user_is_a_one_line_error():
    with pytest.raises(CommandError, match="No user called 'ghost'"):
        set_role("ghost", "editor")
