"""Admin tests sign in as staff members holding each role."""

import pytest


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def staff_viewer(viewer):
    return _staff(viewer)


@pytest.fixture
def staff_annotator(annotator):
    return _staff(annotator)


@pytest.fixture
def staff_reviewer(reviewer):
    return _staff(reviewer)


@pytest.fixture
def staff_second_reviewer(second_reviewer):
    return _staff(second_reviewer)


@pytest.fixture
def staff_editor(editor):
    return _staff(editor)


def messages_of(response) -> list[str]:
    """The admin messages a (followed) response shows."""
    return [str(m) for m in response.context["messages"]] if response.context else []
