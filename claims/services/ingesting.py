"""Ingest a stream of articles (the lines of a JSON-lines file) committed in batches.

Each article is all-or-nothing inside a savepoint, so a bad one is reported and rolls back only itself;
each batch is one transaction, so a long import holds neither one ever-growing transaction (history
triggers and planner estimates slow down inside one) nor the whole file in memory.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import batched, takewhile

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, reset_queries, transaction

from articles.services import ImportStatus, LikelyDuplicate, article_text_check
from claims.extraction.parallel import Worked, extract_many, texts_work_start
from claims.importing import FileItem
from claims.models import Speaker, SpeakerAlias, SpeakerRole
from claims.services.batches import NewArticle, articles_new_select, articles_new_write
from claims.services.proposals import IngestResult, article_ingest
from claims.services.speakers import SpeakerDirectory

DEFAULT_BATCH_SIZE = 200
DIRECTORY_MODELS = (Speaker, SpeakerAlias, SpeakerRole)
# A directory table's statistics are taken again once rows changed since outnumber this share of it plus
# ANALYZE_ROWS.
ANALYZE_GROWTH = 0.2
ANALYZE_ROWS = 200


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
    batches = batched(items, max(1, batch_size))
    batch = next(batches, None)
    # Texts are extracted ahead only while batches bring new articles, so re-reading a feed stays cheap.
    ahead = extract_inline
    work = _batch_work_start(batch, extract=ahead) if batch else None
    while batch is not None:
        following = next(batches, None)
        worked = work.collect()
        # The next batch's texts are worked on (in the worker processes) while this one is written.
        work = _batch_work_start(following, extract=ahead) if following else None
        outcomes = _batch_ingest(
            batch, worked=worked, user=user, extract_inline=extract_inline, allow_duplicate=allow_duplicate
        )
        ahead = extract_inline and any(outcome.status == Outcome.CREATED for outcome in outcomes)
        yield from outcomes
        _directory_statistics_refresh()
        # With DEBUG on, Django keeps the last queries run; a batch leaves none behind.
        reset_queries()
        batch = following


@dataclass
class _BatchWork:
    """The text work of one batch, started: the positions of its readable articles and their results."""

    positions: list[int]
    results: Callable[[], list[Worked]]

    def collect(self) -> dict[int, Worked]:
        return dict(zip(self.positions, self.results(), strict=True))


def _batch_work_start(batch, *, extract: bool) -> _BatchWork:
    """Start working out each readable article's text; one that is no article is left to be refused."""
    readable = {}
    for index, item in enumerate(batch):
        if item.article is not None:
            try:
                article_text_check(raw=item.article.raw)
            except ValidationError:
                continue
            readable[index] = (item.article.raw, item.article.fields.get("url", ""))
    return _BatchWork(positions=list(readable), results=texts_work_start(list(readable.values()), extract=extract))


def _directory_statistics_refresh() -> None:
    """Bring the planner's picture of the speaker directory up to date when a batch grew it a lot.

    Speaker names are looked up through the index on upper(name); a directory the planner still believes
    to be a handful of rows (new tables are not analysed until autovacuum gets round to them) is read
    through the merged-into index instead, a scan of every speaker that gets slower with each batch. A
    table is analysed when it has never been or has changed by a good share since, as autovacuum would,
    but straight away: a few times while the directory is small, rarely once it is large.
    """
    tables = [model._meta.db_table for model in DIRECTORY_MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
            " WHERE s.relname = ANY(%s) AND s.schemaname = current_schema()"
            " AND (c.reltuples < 0 OR s.n_mod_since_analyze > %s * c.reltuples + %s)",
            [tables, ANALYZE_GROWTH, ANALYZE_ROWS],
        )
        stale = [name for (name,) in cursor.fetchall()]
        if stale:
            cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(name) for name in stale)}")


def _batch_ingest(
    batch, *, worked: dict[int, Worked], user, extract_inline: bool, allow_duplicate: bool
) -> list[ItemOutcome]:
    prepared = {index: text for index, (text, _) in worked.items()}
    outcomes: list[ItemOutcome] = []
    try:
        with transaction.atomic():
            _constraints_immediate()
            new = _batch_new_extract(batch, worked) if extract_inline else {}
            written: dict[int, IngestResult] = {}
            directory = SpeakerDirectory()
            for index, item in enumerate(batch):
                if index in new and index not in written:
                    # This and the new articles straight after it, so that all is stored in file order.
                    run = list(takewhile(new.__contains__, range(index, len(batch))))
                    written |= _batch_new_write({position: new[position] for position in run})
                if index in written:
                    outcomes.append(ItemOutcome(line=item.line, status=Outcome.CREATED, result=written[index]))
                    continue
                outcome = _item_ingest(
                    item,
                    user=user,
                    extract_inline=extract_inline,
                    allow_duplicate=allow_duplicate,
                    directory=directory,
                    prepared=prepared.get(index),
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


def _batch_new_extract(batch, worked: dict[int, Worked]) -> dict[int, NewArticle]:
    """The batch's plainly new articles with what extraction finds in them (found ahead, or now), by position."""
    new = sorted(articles_new_select({index: prepared for index, (prepared, _) in worked.items()}))
    missing = [index for index in new if worked[index][1] is None]
    extractions = {index: extraction for index in new if (extraction := worked[index][1]) is not None}
    extractions |= dict(zip(missing, extract_many([worked[index][0].cleaned.body for index in missing]), strict=True))
    return {
        index: NewArticle(prepared=worked[index][0], fields=batch[index].article.fields, extraction=extractions[index])
        for index in new
    }


def _batch_new_write(articles: dict[int, NewArticle]) -> dict[int, IngestResult]:
    """Store new articles and their proposals in a few statements; their results, by position.

    Nothing (and nothing stored) if that fails: the articles are then stored one at a time, each in its
    own savepoint, so the one at fault is reported by its line and takes back only itself.
    """
    try:
        with transaction.atomic():
            return articles_new_write(articles)
    except (ValidationError, DatabaseError):
        return {}


def _constraints_immediate() -> None:
    """Check foreign keys as each statement ends, not at the commit.

    A deferred check is queued for every row written, and every query a history trigger runs goes past the
    whole queue: a batch's writes would slow down with every row before them. The import writes rows
    after those they point to, so nothing it does needs the check put off.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _item_ingest(item: FileItem, *, user, extract_inline, allow_duplicate, directory, prepared=None) -> ItemOutcome:
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
                prepared=prepared,
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
