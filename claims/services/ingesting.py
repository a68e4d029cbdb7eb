"""Ingest a stream of articles (the lines of a JSON-lines file) committed in batches.

Each article is all-or-nothing inside a savepoint, so a bad one is reported and rolls back only itself;
each batch is one transaction, so a long import holds neither one ever-growing transaction (history
triggers and planner estimates slow down inside one) nor the whole file in memory.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import batched

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, reset_queries, transaction

from articles.services import ImportStatus, LikelyDuplicate
from claims.importing import FileItem
from claims.models import Speaker, SpeakerAlias, SpeakerRole
from claims.services.proposals import IngestResult, article_ingest
from claims.services.speakers import SpeakerDirectory

DEFAULT_BATCH_SIZE = 200
DIRECTORY_MODELS = (Speaker, SpeakerAlias, SpeakerRole)


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one article of the stream: its status, the ingest's result, or the reason."""

    line: int | None
    status: str
    result: IngestResult | None = None
    reason: str = ""


def articles_ingest_batched(
    *,
    items: Iterable[FileItem],
    batch_size: int = DEFAULT_BATCH_SIZE,
    user=None,
    extract_inline: bool = True,
    allow_duplicate: bool = False,
) -> Iterator[ItemOutcome]:
    """Ingest every article of `items`, committing after each `batch_size` of them; one outcome each."""
    for batch in batched(items, max(1, batch_size)):
        yield from _batch_ingest(batch, user=user, extract_inline=extract_inline, allow_duplicate=allow_duplicate)
        _directory_statistics_refresh()
        # With DEBUG on, Django keeps the last queries run; a batch leaves none behind.
        reset_queries()


def _directory_statistics_refresh() -> None:
    """Bring the planner's picture of the speaker directory up to date after a batch grew it.

    Speaker names are looked up through the index on upper(name); a directory the planner still believes
    to be a handful of rows (new tables are not analysed until autovacuum gets round to them) is read
    through the merged-into index instead, a scan of every speaker that gets slower with each batch.
    """
    with connection.cursor() as cursor:
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in DIRECTORY_MODELS)
        cursor.execute(f"ANALYZE {tables}")


def _batch_ingest(batch, *, user, extract_inline: bool, allow_duplicate: bool) -> list[ItemOutcome]:
    directory = SpeakerDirectory()
    outcomes: list[ItemOutcome] = []
    try:
        with transaction.atomic():
            for item in batch:
                outcome = _item_ingest(
                    item, user=user, extract_inline=extract_inline, allow_duplicate=allow_duplicate, directory=directory
                )
                if outcome.result is None:
                    # The savepoint took back what the article added: forget speakers it may have created.
                    directory.clear()
                outcomes.append(outcome)
    except DatabaseError as error:
        # The commit itself failed: nothing of the batch is stored, and every article of it says so.
        reason = f"batch rolled back ({_first_line(error)})"
        return [ItemOutcome(line=item.line, status=Outcome.FAILED, reason=_at(item.line, reason)) for item in batch]
    return outcomes


def _item_ingest(item: FileItem, *, user, extract_inline, allow_duplicate, directory) -> ItemOutcome:
    if item.article is None:
        return ItemOutcome(line=item.line, status=Outcome.FAILED, reason=item.error)
    try:
        with transaction.atomic():
            result = article_ingest(
                raw=item.article.raw,
                user=user,
                extract_inline=extract_inline,
                allow_duplicate=allow_duplicate,
                directory=directory,
                **item.article.fields,
            )
    except LikelyDuplicate as duplicate:
        reason = _at(item.line, " ".join(duplicate.messages))
        return ItemOutcome(line=item.line, status=Outcome.DUPLICATE, reason=reason)
    except ValidationError as error:
        return ItemOutcome(line=item.line, status=Outcome.FAILED, reason=_at(item.line, "; ".join(error.messages)))
    except DatabaseError as error:
        return ItemOutcome(line=item.line, status=Outcome.FAILED, reason=_at(item.line, _first_line(error)))
    status = {ImportStatus.CREATED: Outcome.CREATED, ImportStatus.UPDATED: Outcome.UPDATED}.get(
        result.status, Outcome.UNCHANGED
    )
    return ItemOutcome(line=item.line, status=status, result=result)


def _at(line: int | None, reason: str) -> str:
    return f"line {line}: {reason}" if line is not None else reason


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
