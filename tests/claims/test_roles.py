"""Role groups exist with their model permissions, and come back after a database flush."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


def permissions_of(role: str) -> set[str]:
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def assert_roles_granted():
    viewer, annotator = permissions_of("viewer"), permissions_of("annotator")
    reviewer, editor = permissions_of("reviewer"), permissions_of("editor")
    assert {"view_claim", "view_article", "view_speaker"} <= viewer
    assert "change_claim" not in viewer
    assert {"add_claim", "change_claim", "add_citation", "add_claimrelation"} <= annotator
    assert "add_review" not in annotator
    assert "add_review" in reviewer
    assert annotator < reviewer < editor
    # Models added after the roles migration are granted too.
    assert {"delete_article", "change_webhooksubscription", "add_apitoken"} <= editor
    assert "view_webhooksubscription" not in viewer


@pytest.mark.django_db
def test_each_role_holds_the_model_permissions_of_its_rank():
    assert_roles_granted()


@pytest.mark.django_db(transaction=True)
def test_roles_survive_a_flush():
    call_command("flush", "--no-input", verbosity=0)
    assert_roles_granted()
