"""Fixtures shared by every test: users in each role and an API client."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from tests.factories import UserFactory

# The published world (verdicts next to unpublished work) that public pages, exports and imports share.
pytest_plugins = ["tests.published"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create users by the dozen; a deliberately slow hasher would only slow them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user_in_role(role: str):
    user = UserFactory(username=role)
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    return user


@pytest.fixture
def viewer(db):
    return _user_in_role("viewer")


@pytest.fixture
def annotator(db):
    return _user_in_role("annotator")


@pytest.fixture
def reviewer(db):
    return _user_in_role("reviewer")


@pytest.fixture
def second_reviewer(db):
    user = UserFactory(username="reviewer2")
    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    return user


@pytest.fixture
def editor(db):
    return _user_in_role("editor")


@pytest.fixture
def staff_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    return APIClient()
