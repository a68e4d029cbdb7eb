"""manage.py import_articles on JSON-lines files: committed in batches, each line all-or-nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError

from articles.models import Article, ArticleVersion
from claims.models import Claim, Speaker
from claims.services import proposals

pytestmark = pytest.mark.django_db


def story(n: int, speaker: str = "Marta Quillon", role: str = "the harbour master", **fields) -> dict:
    return {
        "headline": f"Ferry timetable story {n}",
        "url": f"https://harbour.example/ferries/{n}",
        "body": f"{speaker}, {role}, said: “Ferry number {n} will sail twice a day from May.”\n\n"
        f"“Crossings rose by {n} per cent this year,” said Osric Penhallow.",
        **fields,
    }


def write_feed(path, lines) -> None:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), "utf-8")


def run(*args) -> tuple[str, str | None]:
    """The command's output and, if it exited non-zero, its one-line reason."""
    out = io.StringIO()
    try:
        call_command("import_articles", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def test_a_bad_line_mid_batch_is_reported_by_number_and_takes_back_only_itself(tmp_path, monkeypatch):
    real_quote_context = proposals.quote_context

    def failing_quote_context(body, start, end):
        # Fails after the article, its first version and its new speaker were written.
        if "Tamsin Vell" in body:
            raise DataError("value too long for type character varying(300)")
        return real_quote_context(body, start, end)

    monkeypatch.setattr(proposals, "quote_context", failing_quote_context)
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [story(1), story(2), "{not json", story(4, speaker="Tamsin Vell"), story(5)])

    out, error = run(feed, "--batch-size", "10")

    assert "feed.jsonl: failed: line 3: malformed JSON" in out
    assert "feed.jsonl: failed: line 4: value too long" in out
    assert "feed.jsonl: imported (3 article(s), 6 claim(s) proposed); 2 failed" in out
    assert out.strip().endswith("1 file(s): 0 imported, 0 unchanged, 1 failed")
    assert error == "1 file(s) failed to import."
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        f"https://harbour.example/ferries/{n}" for n in (1, 2, 5)
    ]
    # Nothing of line 4 is left: no article, no version, no speaker, no claim.
    assert ArticleVersion.objects.count() == 3
    assert not Speaker.objects.filter(name="Tamsin Vell").exists()
    assert Claim.objects.count() == 6
    assert all(claim.article.body[claim.start : claim.end] == claim.text for claim in Claim.objects.all())


def test_what_a_rolled_back_line_recorded_is_recorded_again_by_a_later_line(tmp_path, monkeypatch):
    # The batch's look-ups must not remember a speaker or a role that the rolled-back line created.
    real_quote_context = proposals.quote_context

    def failing_once(body, start, end):
        if "Ferry number 2 " in body:
            raise DataError("simulated failure")
        return real_quote_context(body, start, end)

    monkeypatch.setattr(proposals, "quote_context", failing_once)
    feed = tmp_path / "feed.jsonl"
    write_feed(
        feed,
        [
            story(1),
            story(2, role="the ferry inspector"),
            story(2, speaker="Wim Okoro"),
            story(3, role="the ferry inspector"),
            story(4, speaker="Wim Okoro"),
        ],
    )

    out, _ = run(feed, "--batch-size", "5")

    assert out.count("simulated failure") == 2
    marta = Speaker.objects.get(name="Marta Quillon")
    assert sorted(marta.roles.values_list("title", flat=True)) == ["ferry inspector", "harbour master"]
    wim = Speaker.objects.get(name="Wim Okoro")
    assert Claim.objects.filter(speaker=wim, article__url__endswith="/4").count() == 1


@pytest.mark.parametrize("batch_size", [1, 2, 3, 50])
def test_batch_boundaries_change_nothing_that_is_stored(tmp_path, batch_size):
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [story(n, speaker="Marta Quillon" if n % 2 else "Ines Carrow") for n in range(1, 8)])

    out, error = run(feed, "--batch-size", batch_size)

    assert error is None
    assert "feed.jsonl: imported (7 article(s), 14 claim(s) proposed)" in out
    assert Article.objects.count() == 7
    # A speaker met again in a later batch is found, not created twice.
    assert sorted(Speaker.objects.filter(kind="person").values_list("name", flat=True)) == [
        "Ines Carrow",
        "Marta Quillon",
        "Osric Penhallow",
    ]
    assert Claim.objects.filter(speaker__name="Osric Penhallow").count() == 7


def test_reimport_of_a_feed_creates_nothing(tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [story(n) for n in range(1, 6)])
    run(feed, "--batch-size", "2")
    counts = (Article.objects.count(), ArticleVersion.objects.count(), Claim.objects.count(), Speaker.objects.count())

    out, error = run(feed, "--batch-size", "2")

    assert error is None
    assert "feed.jsonl: unchanged" in out
    assert "1 file(s): 0 imported, 1 unchanged, 0 failed" in out
    assert (
        Article.objects.count(),
        ArticleVersion.objects.count(),
        Claim.objects.count(),
        Speaker.objects.count(),
    ) == counts


def test_changed_text_at_a_known_url_is_a_new_version_line_by_line(tmp_path):
    first = story(1)
    changed = {**first, "body": first["body"] + "\n\nCorrection: an earlier version gave the wrong month."}
    feed = tmp_path / "feed.jsonl"
    # The same URL twice in one file (and in one batch): the second line is the article's second version.
    write_feed(feed, [first, story(2), changed])

    out, error = run(feed)

    assert error is None
    assert "feed.jsonl: imported (2 article(s), 1 new version(s)" in out
    article = Article.objects.get(url=first["url"])
    assert list(article.versions.order_by("number").values_list("number", "silent_edit")) == [(1, False), (2, False)]
    assert article.body.endswith("gave the wrong month.")

    again = tmp_path / "again.jsonl"
    write_feed(again, [{**first, "body": first["body"].replace("twice", "three times")}])
    out, error = run(again)
    assert error is None
    assert "again.jsonl: updated (1 new version(s), 2 claim(s) moved, 0 orphaned, 1 silent edit(s)" in out
    assert article.versions.count() == 3


def test_an_over_long_line_is_skipped_and_the_next_one_imported(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = 400
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [story(1), {"body": "Word " * 400}, story(3)])

    out, error = run(feed)

    assert "feed.jsonl: failed: line 2: over the limit of 800 bytes" in out
    assert Article.objects.count() == 2
    assert error is not None


def test_a_line_that_is_not_utf8_is_reported_by_number(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        (json.dumps(story(1)) + "\n").encode()
        + '{"body": "Caf\u00e9 prices rise."}\n'.encode("latin-1")
        + (json.dumps(story(3)) + "\n").encode()
    )

    out, _ = run(feed)

    assert "feed.jsonl: failed: line 2: not UTF-8 text" in out
    assert Article.objects.count() == 2
