"""Dashboard figures are read from a stored snapshot and refreshed off the request path."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from claims.choices import ClaimStatus
from claims.models import DashboardSnapshot
from claims.services.dashboard import DASHBOARD_MAX_AGE, dashboard_snapshot_refresh
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "admin:claims_dashboard"


def _queued_refreshes() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="dashboard_refresh_task").count()


def test_a_visit_shows_the_stored_figures_and_when_they_are_from(client, staff_reviewer):
    ClaimFactory.create_batch(2)
    client.force_login(staff_reviewer)
    first = client.get(reverse(DASHBOARD))
    assert first.context["stats"].total == 2
    assert "Figures as of" in first.content.decode()

    ClaimFactory(status=ClaimStatus.ACCEPTED)
    again = client.get(reverse(DASHBOARD))
    assert again.context["stats"].total == 2  # fresh enough: no aggregate at request time
    assert again.context["as_of"] == DashboardSnapshot.objects.get().computed_at

    dashboard_snapshot_refresh()
    refreshed = client.get(reverse(DASHBOARD)).context["stats"]
    assert refreshed.total == 3 and refreshed.by_status[ClaimStatus.ACCEPTED] == 1
    assert refreshed.by_outlet[0][1][ClaimStatus.ACCEPTED] in (0, 1)


def test_stale_figures_queue_one_refresh_however_many_visit(
    client, staff_reviewer, django_capture_on_commit_callbacks
):
    ClaimFactory()
    dashboard_snapshot_refresh()
    DashboardSnapshot.objects.update(computed_at=timezone.now() - DASHBOARD_MAX_AGE - dt.timedelta(minutes=1))
    client.force_login(staff_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.get(reverse(DASHBOARD)).status_code == 200

    assert _queued_refreshes() == 1
