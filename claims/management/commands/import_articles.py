"""manage.py import_articles PATH [PATH ...]: import article files and propose their claims."""

import pghistory
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.services import LikelyDuplicate
from claims.importing import ImportFileError, collect_files, read_article_file
from claims.services.proposals import article_ingest_many

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

    def handle(self, *args, paths, user, background, no_progress, allow_duplicates, **options):
        importer = self._user(user)
        files = collect_files(paths)
        if not files:
            raise CommandError("No article files found in the paths given.")
        counts = {"imported": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 0}
        show_bar = not no_progress and len(files) >= PROGRESS_BAR_FROM
        with pghistory.context(user=importer.pk if importer else None, command="import_articles"):
            for path in tqdm(files, disable=not show_bar, unit="file", file=self.stderr._out):
                status, detail = self._import_file(path, importer, background, allow_duplicates)
                counts[status] += 1
                self.stdout.write(f"{path}: {status}{detail}")
        self.stdout.write(
            f"{len(files)} file(s): {counts['imported']} imported, "
            + (f"{counts['updated']} updated, " if counts["updated"] else "")
            + f"{counts['unchanged']} unchanged, "
            + (f"{counts['duplicate']} likely duplicate, " if counts["duplicate"] else "")
            + f"{counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed to import.")

    def _import_file(self, path, importer, background, allow_duplicates) -> tuple[str, str]:
        """("imported" | "updated" | "unchanged" | "duplicate" | "failed", detail) for one file."""
        try:
            results = article_ingest_many(
                inputs=read_article_file(path),
                user=importer,
                extract_inline=not background,
                allow_duplicate=allow_duplicates,
            )
        except ImportFileError as error:
            return "failed", f": {error}"
        except LikelyDuplicate as duplicate:
            return "duplicate", f": {' '.join(duplicate.messages)}"
        except ValidationError as error:
            return "failed", f": {'; '.join(error.messages)}"
        created = sum(result.created for result in results)
        updates = [result.reanchor for result in results if result.reanchor is not None]
        claims = sum(len(result.claims) for result in results)
        proposed = "" if background else f", {claims} claim(s) proposed"
        if created:
            return "imported", f" ({created} article(s){proposed})"
        if updates:
            moved = sum(len(report.moved) for report in updates)
            orphaned = sum(len(report.orphaned) for report in updates)
            silent = sum(report.silent_edit for report in updates)
            return "updated", (
                f" ({len(updates)} new version(s), {moved} claim(s) moved, {orphaned} orphaned"
                f"{f', {silent} silent edit(s)' if silent else ''}{proposed})"
            )
        return "unchanged", ""

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
