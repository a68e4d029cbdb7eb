"""Queue again webhook deliveries left pending with no task behind them; safe to run from cron."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from claims.services.webhooks import webhook_deliveries_requeue


class Command(BaseCommand):
    help = "Queue again webhook deliveries that have waited too long past their due time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=10, metavar="MINUTES", help="How long past due counts as lost."
        )

    def handle(self, *, older_than: int, **options):
        count = webhook_deliveries_requeue(older_than=timedelta(minutes=older_than))
        self.stdout.write(f"Queued {count} webhook deliveries again.")
