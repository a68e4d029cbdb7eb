"""manage.py propose_claims: run extraction again on stored articles (new proposals only)."""

import pghistory
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from claims.services.proposals import article_propose_claims
from claims.tasks import article_propose_claims_task


class Command(BaseCommand):
    help = "Propose claims for stored articles; claims reviewers have touched are never changed."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, help="Articles to process (default: all).")
        parser.add_argument("--background", action="store_true", help="Queue one task per article for the worker.")

    def handle(self, *args, article_ids, background, **options):
        articles = Article.objects.order_by("pk")
        if article_ids:
            articles = articles.filter(pk__in=article_ids)
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, sorted(missing)))}.")
        ids = list(articles.values_list("pk", flat=True))
        if background:
            for article_id in ids:
                article_propose_claims_task.enqueue(article_id=article_id)
            self.stdout.write(f"Queued extraction of {len(ids)} article(s).")
            return
        created = 0
        with pghistory.context(command="propose_claims"):
            for article in articles.iterator():
                created += len(article_propose_claims(article=article))
        self.stdout.write(f"{len(ids)} article(s): {created} new claim(s) proposed.")
