"""manage.py import_articles PATH [PATH ...]: import article files and propose their claims."""

from collections import Counter

import pghistory
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.importing import ImportFileError, collect_files, read_article_file
from claims.services.ingesting import DEFAULT_BATCH_SIZE, Outcome, articles_ingest_batched

# Fewer files than this import without a progress bar: the per-file lines say enough.
PROGRESS_BAR_FROM = 10


class Command(BaseCommand):
    help = "Import plain-text or JSON-lines article files (or folders of them) and propose their claims."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders (.txt plain text, .jsonl JSON lines).")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument(
            "--background", action="store_true", help="Queue extraction as background tasks instead of inline."
        )
        parser.add_argument("--no-progress", action="store_true", help="Never show a progress bar.")
        parser.add_argument(
            "--allow-duplicates",
            action="store_true",
            help="Store text without a URL even when it is almost the same as a stored article.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Articles committed together (default {DEFAULT_BATCH_SIZE}); each is still all-or-nothing.",
        )

    def handle(self, *args, paths, user, background, no_progress, allow_duplicates, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        importer = self._user(user)
        files = collect_files(paths)
        if not files:
            raise CommandError("No article files found in the paths given.")
        counts = {"imported": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 0}
        show_bar = not no_progress and len(files) >= PROGRESS_BAR_FROM
        options = {"user": importer, "extract_inline": not background, "allow_duplicate": allow_duplicates}
        with pghistory.context(user=importer.pk if importer else None, command="import_articles"):
            for path in tqdm(files, disable=not show_bar, unit="file", file=self.stderr._out):
                status = self._import_file(path, batch_size=batch_size, **options)
                counts[status] += 1
        self.stdout.write(
            f"{len(files)} file(s): {counts['imported']} imported, "
            + (f"{counts['updated']} updated, " if counts["updated"] else "")
            + f"{counts['unchanged']} unchanged, "
            + (f"{counts['duplicate']} likely duplicate, " if counts["duplicate"] else "")
            + f"{counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed to import.")

    def _import_file(self, path, **options) -> str:
        """Import one file, reporting each refused article as it happens; the file's status."""
        try:
            items = read_article_file(path)
        except ImportFileError as error:
            self.stdout.write(f"{path}: failed: {error}")
            return "failed"
        tally: Counter[str] = Counter()
        claims = moved = orphaned = silent = 0
        for outcome in articles_ingest_batched(items=items, **options):
            tally[outcome.status] += 1
            if outcome.status == Outcome.FAILED:
                self.stdout.write(f"{path}: failed: {outcome.reason}")
            elif outcome.status == Outcome.DUPLICATE:
                self.stdout.write(f"{path}: likely duplicate: {outcome.reason}")
            elif outcome.status != Outcome.UNCHANGED:
                claims += len(outcome.result.claims)
                if report := outcome.result.reanchor:
                    moved, orphaned = moved + len(report.moved), orphaned + len(report.orphaned)
                    silent += report.silent_edit
        stored = tally[Outcome.CREATED] + tally[Outcome.UPDATED] + tally[Outcome.UNCHANGED]
        if stored:
            failures = f"; {tally[Outcome.FAILED]} failed" if tally[Outcome.FAILED] else ""
            proposed = "" if not options["extract_inline"] else f", {claims} claim(s) proposed"
            if tally[Outcome.CREATED]:
                updated = f", {tally[Outcome.UPDATED]} new version(s)" if tally[Outcome.UPDATED] else ""
                created = tally[Outcome.CREATED]
                self.stdout.write(f"{path}: imported ({created} article(s){updated}{proposed}){failures}")
            elif tally[Outcome.UPDATED]:
                self.stdout.write(
                    f"{path}: updated ({tally[Outcome.UPDATED]} new version(s), {moved} claim(s) moved, "
                    f"{orphaned} orphaned{f', {silent} silent edit(s)' if silent else ''}{proposed}){failures}"
                )
            else:
                self.stdout.write(f"{path}: unchanged{failures}")
        if tally[Outcome.FAILED]:
            return "failed"
        if tally[Outcome.CREATED]:
            return "imported"
        if tally[Outcome.UPDATED]:
            return "updated"
        return "duplicate" if tally[Outcome.DUPLICATE] else "unchanged"

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
