"""manage.py match_claims: a backfill of matches in batches that can stop and resume, or queue tasks."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from claims.choices import ClaimStatus
from claims.models import ClaimMatch
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

WORDS = [
    "The night bus will stop at the hospital gates from April.",
    "Parking at the station will be free on Sundays.",
    "The library will open until nine on weekdays.",
]


@pytest.fixture(autouse=True)
def fresh_progress():
    from django.core.cache import cache

    from claims.management.commands.match_claims import PROGRESS_KEY

    cache.delete(PROGRESS_KEY)


def repeated_claims():
    """Each text said in two articles by the same person, stored without matching (as an old corpus is)."""
    pairs = []
    for text in WORDS:
        speaker = SpeakerFactory()
        pairs.append(
            [ClaimFactory(article=ArticleFactory(body=f"She said: “{text}”"), speaker=speaker) for _ in range(2)]
        )
    return pairs


def run(*args) -> str:
    out = StringIO()
    call_command("match_claims", *args, stdout=out)
    return out.getvalue()


def matched_pairs() -> set[tuple[int, int]]:
    return set(ClaimMatch.objects.values_list("claim_id", "other_id"))


def test_a_backfill_matches_every_claim_in_batches():
    pairs = repeated_claims()
    ClaimFactory(status=ClaimStatus.REJECTED)  # never matched
    output = run("--batch-size", "4")
    assert "batch 2:" in output and "Matched 6 claim(s) in 2 batch(es)" in output
    assert matched_pairs() == {(a.pk, b.pk) for a, b in pairs}
    assert all(match.automatic for match in ClaimMatch.objects.all())  # same speaker, same words


def test_limit_after_and_resume_go_through_the_claims_in_id_order():
    pairs = repeated_claims()
    ids = sorted(claim.pk for pair in pairs for claim in pair)
    # The first two claims are the first text's pair: matching the second finds the first.
    assert "Matched 2 claim(s)" in run("--limit", "2")
    assert matched_pairs() == {(pairs[0][0].pk, pairs[0][1].pk)}
    assert f"last claim id {ids[3]}" in run("--resume", "--limit", "2")
    assert len(matched_pairs()) == 2
    run("--after", str(ids[3]))
    assert len(matched_pairs()) == 3
    assert "Matched 0 claim(s)" in run("--resume")


def test_background_queues_one_task_per_batch():
    pairs = repeated_claims()
    output = run("--background", "--batch-size", "4")
    assert "Queued 6 claim(s) in 2 batch(es)" in output
    queued = DBTaskResult.objects.filter(task_path__endswith="claim_matches_refresh_task").order_by("enqueued_at")
    ids = sorted(claim.pk for pair in pairs for claim in pair)
    assert [row.args_kwargs["kwargs"]["claim_ids"] for row in queued] == [ids[:4], ids[4:]]
    assert not ClaimMatch.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--batch-size", "0"], "--batch-size: expected a whole number"),
        (["--limit", "x"], "--limit: expected a whole number"),
        (["--after", "5", "--resume"], "not both"),
    ],
)
def test_bad_options_are_refused_with_a_reason(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
