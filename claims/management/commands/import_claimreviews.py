"""Import partners' ClaimReview JSON or JSON-LD files: objects, lists, @graph or Data Commons DataFeeds."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.services.claimreviews import claimreview_import_many, import_account

MAX_FILE_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Import ClaimReview JSON-LD as published, imported verdicts; a record seen before is left unchanged."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="ClaimReview JSON or JSON-LD files")

    def handle(self, *args, files, **options):
        user = import_account()
        failures = 0
        for name in files:
            path = Path(name)
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
                failures += 1
                self.stderr.write(f"{name}: failed: {str(error).splitlines()[0]}")
                continue
            report = claimreview_import_many(document=document, user=user, source_name=path.name)
            for outcome in report.failed:
                self.stderr.write(f"{name}{outcome.position}: failed: {outcome.reason}")
            failures += len(report.failed)
            self.stdout.write(
                f"{name}: {report.count('imported')} imported, {report.count('unchanged')} unchanged, "
                f"{len(report.failed)} failed"
            )
        if failures:
            raise CommandError(f"{failures} record(s) or file(s) failed.")
