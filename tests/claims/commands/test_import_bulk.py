"""manage.py import_articles writes a batch's new articles together, and stores exactly what one-by-one would."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError, connection, transaction
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ArticleVersion
from claims.extraction import parallel
from claims.models import Claim, ClaimEvent, Speaker, SpeakerRole
from claims.services import batches, ingesting, proposals

pytestmark = pytest.mark.django_db

PEOPLE = ["Ilse Varga", "Tomasz Brennan", "Aiyana Okonkwo", "Rhys Calloway", "Sunniva Holt", "Mateo Quispe"]
OUTLETS = ["Valley Courier", "Fjord Post", "Andes Herald", "Delta Ledger"]


def story(n: int, *, people=PEOPLE, url: bool = True, authority: str = "Bridge Authority") -> dict:
    first, second = people[n % len(people)], people[(n + 1) % len(people)]
    return {
        "headline": f"Bridge tolls, day {n}",
        "url": f"https://tolls.example/{n}" if url else "",
        "outlet": OUTLETS[n % len(OUTLETS)],
        "body": f"{first}, the regional transport commissioner, said: “Tolls on bridge {n} will fall by a third.”\n\n"
        f"“Drivers have paid {n + 40} million too much since the spring,” said {second}.\n\n"
        f"A spokeswoman for the {authority} said: “Bridge {n} needs repairs first.”",
    }


def run(feed, lines, *args) -> tuple[str, str | None]:
    feed.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), "utf-8")
    out = io.StringIO()
    try:
        call_command("import_articles", str(feed), "--no-progress", *map(str, args), stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_a_batch_of_new_articles_costs_the_same_queries_for_three_as_for_twelve(tmp_path, monkeypatch):
    # Planner statistics are taken again only when the directory grew by a share of itself: not counted.
    monkeypatch.setattr(ingesting, "_directory_statistics_refresh", lambda: None)

    def queries(numbers, people, authority):
        statements = []

        def count(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        # Counted as they run (the import forgets the queries Django logs after each batch).
        with connection.execute_wrapper(count):
            _, error = run(
                tmp_path / "feed.jsonl",
                [story(n, people=people, authority=authority) for n in numbers],
                "--batch-size",
                50,
            )
        assert error is None
        return len(statements)

    # Nobody in the second feed is known from the first: both look up and create the same kinds of rows.
    few = queries(range(1, 4), people=PEOPLE[:3], authority="Bridge Authority")
    many = queries(range(101, 113), people=PEOPLE[3:], authority="Harbour Trust")

    assert few == many
    assert Article.objects.count() == 15
    assert Claim.objects.count() == 45


@pytest.mark.parametrize("count", [8, parallel.PARALLEL_FROM + 4])
def test_stores_what_one_article_at_a_time_stores(tmp_path, monkeypatch, count):
    # From PARALLEL_FROM articles on, their text is worked on in worker processes.
    monkeypatch.setenv("IMPORT_WORKERS", "2")
    monkeypatch.setattr(parallel, "_pool", None)
    lines = [story(n) for n in range(1, count + 1)]
    with transaction.atomic(), monkeypatch.context() as patch:
        # No article is taken for new, so each goes through `article_ingest` in its own savepoint.
        patch.setattr(ingesting, "articles_new_select", lambda prepared: set())
        run(tmp_path / "one.jsonl", lines, "--batch-size", 50)
        one_by_one = _stored()
        transaction.set_rollback(True)
    assert not Article.objects.exists()

    out, error = run(tmp_path / "all.jsonl", lines, "--batch-size", 50)

    assert error is None
    assert f"imported ({count} article(s), {3 * count} claim(s) proposed)" in out
    assert _stored() == one_by_one
    assert (parallel._pool is not None) == (count >= parallel.PARALLEL_FROM)
    authority = Speaker.objects.get(name="Bridge Authority")
    assert authority.kind == "organisation"
    assert Speaker.objects.filter(kind="spokesperson", organisation=authority).count() == 1


def test_an_article_without_an_address_between_new_ones_keeps_the_file_order(tmp_path):
    # The second line has no address (so it is checked against stored texts on its own); the role its
    # speaker holds is first stated there, and is recorded as stated there.
    lines = [story(1), story(2, url=False), story(3), story(8)]

    _, error = run(tmp_path / "feed.jsonl", lines, "--batch-size", 50)

    assert error is None
    role = SpeakerRole.objects.get(speaker__name=PEOPLE[2], title__icontains="transport commissioner")
    assert role.source_article.headline == "Bridge tolls, day 2"
    assert list(Article.objects.order_by("id").values_list("headline", flat=True)) == [
        f"Bridge tolls, day {n}" for n in (1, 2, 3, 8)
    ]


def test_when_the_batch_write_fails_nothing_of_it_stays_and_each_article_is_stored_once(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    real = batches.claims_build

    def failing(*, article, **kwargs):
        if "day 5" in article.headline:
            raise DataError("simulated failure")
        return real(article=article, **kwargs)

    monkeypatch.setattr(batches, "claims_build", failing)

    with django_capture_on_commit_callbacks(execute=True):
        out, error = run(tmp_path / "feed.jsonl", [story(n) for n in range(1, 9)], "--batch-size", 50)

    # The articles are then stored one at a time: all of them, as if the batch write had never been tried.
    assert error is None
    assert "imported (8 article(s), 24 claim(s) proposed)" in out
    assert Article.objects.count() == ArticleVersion.objects.count() == 8
    assert Speaker.objects.filter(name=PEOPLE[0]).count() == 1
    assert Claim.objects.count() == 24
    assert ClaimEvent.objects.count() == 24
    queued = [
        pk
        for row in DBTaskResult.objects.filter(task_path__endswith="claim_matches_refresh_task")
        for pk in row.args_kwargs["kwargs"]["claim_ids"]
    ]
    assert sorted(queued) == sorted(Claim.objects.values_list("pk", flat=True))


def test_a_bad_article_in_a_batch_takes_back_only_itself(tmp_path, monkeypatch):
    real = proposals.quote_context

    def failing(body, start, end):
        if "bridge 4 " in body:
            raise DataError("value too long for type character varying(64)")
        return real(body, start, end)

    monkeypatch.setattr(proposals, "quote_context", failing)

    out, error = run(tmp_path / "feed.jsonl", [story(n) for n in range(1, 7)], "--batch-size", 50)

    assert "feed.jsonl: failed: line 4: value too long" in out
    assert error == "1 file(s) failed to import."
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        f"https://tolls.example/{n}" for n in (1, 2, 3, 5, 6)
    ]
    assert Claim.objects.count() == 15 and ClaimEvent.objects.count() == 15
    assert not Claim.objects.filter(text__contains="bridge 4 ").exists()


def _stored() -> dict:
    """What an import leaves, without ids or times."""
    return {
        "articles": sorted(Article.objects.values_list("url", "headline", "outlet__name", "body")),
        "versions": sorted(ArticleVersion.objects.values_list("article__url", "number", "content_hash")),
        "speakers": sorted(Speaker.objects.values_list("name", "kind", "organisation__name")),
        "roles": sorted(
            SpeakerRole.objects.values_list("speaker__name", "title", "organisation__name", "source_article__url")
        ),
        "claims": sorted(
            Claim.objects.values_list("article__url", "start", "end", "text", "speaker__name", "kind", "prefix")
        ),
    }


def test_speaker_statistics_are_not_taken_again_after_every_batch(tmp_path):
    run(tmp_path / "feed.jsonl", [story(n) for n in range(1, 4)], "--batch-size", 50)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_speaker, claims_speakeralias, claims_speakerrole")
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        ingesting._directory_statistics_refresh()

    assert statements and not [sql for sql in statements if sql.lstrip().upper().startswith("ANALYZE")]
