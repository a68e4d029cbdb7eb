"""manage.py import_articles: seeds, idempotence, bad input refused with a reason and nothing stored."""

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from claims.models import Claim, Speaker
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "articles"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue(), str(failure.value)


def test_imports_the_four_seed_articles_with_dates_headlines_and_clean_bodies():
    out, _ = run(SEEDS)
    assert out.count(": imported") == 4
    assert out.strip().endswith("4 file(s): 4 imported, 0 unchanged, 0 failed")
    assert Article.objects.count() == 4
    dated = Article.objects.get(published=dt.date(2018, 12, 20))
    assert dated.body.startswith("A former minister")
    assert Article.objects.filter(
        headline="Labour leader Jeremy Corbyn told to disown anti-Semitic supporters"
    ).exists()
    for article in Article.objects.all():
        assert "READ MORE" not in article.body
        assert "privacy settings" not in article.body
        assert article.raw_text.strip()


def test_import_proposes_claims_anchored_in_the_body():
    run(SEEDS)
    claims = list(Claim.objects.select_related("article"))
    assert len(claims) >= 20
    for claim in claims:
        assert claim.article.body[claim.start : claim.end] == claim.text
        assert claim.status == "proposed"
        assert claim.origin == "extracted"


def test_the_same_person_across_articles_is_one_speaker():
    run(SEEDS)
    party_leader = Speaker.objects.filter(name__icontains="Corbyn", merged_into__isnull=True)
    assert party_leader.count() <= 1


def test_reimport_is_a_no_op():
    run(SEEDS)
    counts = (Article.objects.count(), Claim.objects.count(), Speaker.objects.count())
    out, _ = run(SEEDS)
    assert out.count(": unchanged") == 4
    assert "0 imported, 4 unchanged, 0 failed" in out
    assert (Article.objects.count(), Claim.objects.count(), Speaker.objects.count()) == counts


def test_json_lines_articles_are_imported_with_their_fields(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {
            "headline": "Port strike ends",
            "url": "https://news.example/strike",
            "outlet": "Harbour Times",
            "published": "2024-03-05",
            "body": "The union leader said: “We have won a fair deal.”",
        },
        {"headline": "Bridge reopens", "body": "The mayor said: “Traffic will flow again by Friday.”"},
    ]
    feed.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    out, _ = run(feed)
    assert "imported (2 article(s)" in out
    strike = Article.objects.get(headline="Port strike ends")
    assert strike.outlet.name == "Harbour Times"
    assert strike.published == dt.date(2024, 3, 5)
    assert strike.url == "https://news.example/strike"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Caf\u00e9 owner says prices will rise.".encode("latin-1"), "not UTF-8"),
        (b"   \n\n  ", "file has no text"),
    ],
    ids=["empty", "binary", "latin-1", "blank"],
)
def test_bad_files_fail_with_a_reason_and_store_nothing(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out, error = run_failing(bad)
    assert f"bad.txt: failed: {reason}" in out
    assert "1 failed" in out
    assert "failed to import" in error
    assert Article.objects.count() == 0


def test_files_over_the_size_limit_are_refused(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = 100
    big = tmp_path / "big.txt"
    big.write_text("Word " * 50, encoding="utf-8")
    out, _ = run_failing(big)
    assert "over the limit of 100 bytes" in out
    assert Article.objects.count() == 0


def test_malformed_json_line_reports_its_number_and_the_other_lines_are_kept(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"headline": "Fine", "body": "The chief said: “All is well.”"})
        + "\n"
        + '{"headline": "Broken", "body": \n',
        encoding="utf-8",
    )
    out, _ = run_failing(feed)
    assert "feed.jsonl: failed: line 2: malformed JSON" in out
    assert "feed.jsonl: imported (1 article(s), 1 claim(s) proposed); 1 failed" in out
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_json_line_with_a_bad_field_is_refused_with_its_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"body": "Text.", "published": "last Tuesday"}) + "\n", encoding="utf-8")
    out, _ = run_failing(feed)
    assert "line 1: 'published' must be a date" in out


def test_one_bad_file_does_not_stop_the_good_ones(tmp_path):
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    out, _ = run_failing(tmp_path)
    assert "good.txt: imported" in out
    assert "empty.txt: failed: empty file" in out
    assert Article.objects.count() == 1


def test_missing_path_is_reported(tmp_path):
    out, _ = run_failing(tmp_path / "nowhere.txt")
    assert "nowhere.txt: failed: no such file" in out


def test_the_importing_user_is_recorded_in_the_history():
    user = UserFactory(username="importer")
    run(next(SEEDS.glob("000_*.txt")), "--user", "importer")
    event = Article.pgh_event_model.objects.select_related("pgh_context").get(pgh_label="insert")
    assert event.pgh_context.metadata["user"] == user.pk
    assert event.pgh_context.metadata["command"] == "import_articles"


def test_unknown_user_is_a_one_line_error():
    with pytest.raises(CommandError, match="No user called 'ghost'"):
        call_command("import_articles", str(SEEDS), "--user", "ghost", stdout=io.StringIO())


def test_many_files_show_a_progress_bar(tmp_path):
    for n in range(12):
        (tmp_path / f"a{n}.txt").write_text(f"Story {n}\n\nThe official said: “Figure {n} is right.”", encoding="utf-8")
    _, err = run(tmp_path)
    assert "12/12" in err


@pytest.mark.django_db(transaction=True)
def test_background_mode_queues_extraction_for_the_worker():
    # The worker manages its own connections, so this test runs outside a wrapping transaction.
    out, _ = run(next(SEEDS.glob("000_*.txt")), "--background")
    assert "imported (1 article(s))" in out
    assert Claim.objects.count() == 0
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "claims.tasks.article_propose_claims_task"

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert Claim.objects.count() > 0
