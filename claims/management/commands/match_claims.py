"""manage.py match_claims: find the matches of stored claims in other articles (a backfill, or a re-run after
the scoring changed), in batches that can be stopped and resumed."""

import argparse

import pghistory
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from claims.choices import ClaimStatus
from claims.models import Claim
from claims.services.matching import claim_matches_refresh_many
from claims.tasks import claim_matches_refresh_task

# The id of the last claim a run finished (or queued), for --resume.
PROGRESS_KEY = "claims:match_claims:last_id"


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


class Command(BaseCommand):
    help = "Find candidate matches for stored claims, in id order and batches; --resume goes on after a stop."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=_positive, default=500, help="Claims per batch (default 500).")
        parser.add_argument("--after", type=int, help="Start after this claim id.")
        parser.add_argument("--resume", action="store_true", help="Start after the last claim a run finished.")
        parser.add_argument("--limit", type=_positive, help="Match at most this many claims.")
        parser.add_argument("--background", action="store_true", help="Queue one task per batch for the worker.")

    def handle(self, *args, batch_size, after, resume, limit, background, **options):
        if resume and after is not None:
            raise CommandError("Give --after or --resume, not both.")
        start = cache.get(PROGRESS_KEY, 0) if resume else (after or 0)
        claims = Claim.objects.exclude(status=ClaimStatus.REJECTED).order_by("pk")
        done = batches = 0
        last = start
        with pghistory.context(command="match_claims"):
            while limit is None or done < limit:
                size = batch_size if limit is None else min(batch_size, limit - done)
                ids = list(claims.filter(pk__gt=last).values_list("pk", flat=True)[:size])
                if not ids:
                    break
                if background:
                    claim_matches_refresh_task.enqueue(claim_ids=ids)
                else:
                    claim_matches_refresh_many(claim_ids=ids)
                done, batches, last = done + len(ids), batches + 1, ids[-1]
                cache.set(PROGRESS_KEY, last, timeout=None)
                verb = "queued" if background else "matched"
                self.stdout.write(f"batch {batches}: claims {ids[0]}-{last} {verb} ({done} so far)")
        verb = "Queued" if background else "Matched"
        self.stdout.write(f"{verb} {done} claim(s) in {batches} batch(es); last claim id {last}.")
