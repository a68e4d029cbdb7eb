"""Every change to a domain row is recorded by database triggers, with the acting user when known."""

import pghistory
import pytest
from django.apps import apps
from django.db import connection

from articles.models import Article, Outlet
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker, SpeakerAlias, SpeakerRole
from tests import factories

pytestmark = pytest.mark.django_db

TRACKED = [
    (Outlet, factories.OutletFactory, {"domain": "changed.example"}),
    (Article, factories.ArticleFactory, {"byline": "Changed Byline"}),
    (Speaker, factories.SpeakerFactory, {"description": "changed"}),
    (SpeakerAlias, factories.SpeakerAliasFactory, {"name": "Changed alias"}),
    (SpeakerRole, factories.SpeakerRoleFactory, {"title": "Changed title"}),
    (Claim, factories.ClaimFactory, {"claim_type": "statistical"}),
    (ClaimRelation, factories.ClaimRelationFactory, {"note": "changed"}),
    (Source, factories.SourceFactory, {"publisher": "Changed publisher"}),
    (Citation, factories.CitationFactory, {"excerpt": "changed"}),
    (Review, factories.ReviewFactory, {"summary": "changed"}),
]


def events_of(model, pk):
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    return list(event_model.objects.filter(pgh_obj_id=pk).order_by("pgh_id").select_related("pgh_context"))


@pytest.mark.parametrize(("model", "factory", "change"), TRACKED, ids=lambda v: getattr(v, "__name__", ""))
def test_save_bulk_update_and_delete_are_recorded_with_the_acting_user(model, factory, change):
    user = factories.UserFactory()
    row = factory()
    with pghistory.context(user=user.pk):
        model.objects.filter(pk=row.pk).update(**change)  # a bulk update, never through save()
    with pghistory.context(user=user.pk):
        _delete(model, row)

    labels = [event.pgh_label for event in events_of(model, row.pk)]
    assert labels == ["insert", "update", "delete"]
    update, delete = events_of(model, row.pk)[1:]
    assert update.pgh_context.metadata["user"] == user.pk
    assert delete.pgh_context.metadata["user"] == user.pk
    field, value = next(iter(change.items()))
    assert getattr(update, field) == value


def _delete(model, row):
    # Raw SQL is caught too: the triggers live in the database, not in the ORM.
    with connection.cursor() as cursor:
        # Rows others point at with PROTECT lose their dependants first so the delete is allowed.
        if model is Speaker:
            cursor.execute("DELETE FROM claims_claim WHERE speaker_id = %s", [row.pk])
        if model is Source:
            cursor.execute("DELETE FROM claims_citation WHERE source_id = %s", [row.pk])
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [row.pk])
