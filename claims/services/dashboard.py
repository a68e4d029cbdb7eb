"""The dashboard's figures: computed off the request path and kept in one row."""

import dataclasses
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models.dashboard import DashboardSnapshot
from claims.selectors.workbench import DashboardStats, dashboard_stats

# How old the figures may be before a visit queues a refresh (the visit itself still shows the old ones).
DASHBOARD_MAX_AGE = timedelta(minutes=5)


def dashboard_snapshot_refresh() -> DashboardSnapshot:
    """Aggregate the corpus now and store the figures with the time they are as of."""
    computed_at = timezone.now()
    stats = dashboard_stats()
    snapshot, _ = DashboardSnapshot.objects.update_or_create(
        id=DashboardSnapshot.SINGLETON,
        defaults={"stats": dataclasses.asdict(stats), "computed_at": computed_at, "refresh_requested_at": None},
    )
    snapshot.live_stats = stats
    return snapshot


def dashboard_snapshot_get() -> tuple[DashboardStats, DashboardSnapshot]:
    """The stored figures, computed here only the first time; figures older than DASHBOARD_MAX_AGE queue one
    background refresh (at most one per DASHBOARD_MAX_AGE, however many people look meanwhile)."""
    snapshot = DashboardSnapshot.objects.filter(id=DashboardSnapshot.SINGLETON).first()
    if snapshot is None:
        snapshot = dashboard_snapshot_refresh()
        return snapshot.live_stats, snapshot
    now = timezone.now()
    if now - snapshot.computed_at > DASHBOARD_MAX_AGE:
        not_yet_queued = Q(refresh_requested_at__isnull=True) | Q(refresh_requested_at__lt=now - DASHBOARD_MAX_AGE)
        if DashboardSnapshot.objects.filter(not_yet_queued, id=snapshot.id).update(refresh_requested_at=now):
            from claims.tasks import dashboard_refresh_task  # the task module imports this one

            transaction.on_commit(dashboard_refresh_task.enqueue)
    return DashboardStats.from_json(snapshot.stats), snapshot
