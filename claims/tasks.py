"""Background work of the claims app, run by Django's task framework."""

from django.db import transaction
from django.tasks import task

from articles.models import Article
from claims.services.dashboard import dashboard_snapshot_refresh
from claims.services.matching import claim_matches_refresh_many
from claims.services.proposals import article_propose_claims


@task()
def article_propose_claims_task(*, article_id: int) -> int:
    """Extract and store proposals for one article of a corpus; returns how many claims it created."""
    with transaction.atomic():
        article = Article.objects.filter(pk=article_id).first()
        if article is None:  # deleted since it was queued
            return 0
        return len(article_propose_claims(article=article))


@task()
def dashboard_refresh_task() -> str:
    """Recompute the dashboard's figures; returns the time they are as of."""
    return dashboard_snapshot_refresh().computed_at.isoformat()


@task()
def claim_matches_refresh_task(*, claim_ids: list[int]) -> int:
    """Find (again) the matches of these claims in other articles; returns how many claims still existed."""
    return claim_matches_refresh_many(claim_ids=claim_ids)
