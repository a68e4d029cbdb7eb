"""Importing partners' ClaimReview: every shape, bad records reported and skipped, twice without duplicates."""

import json

import pytest
from django.core.management import CommandError, call_command

from claims.choices import ClaimOrigin, ClaimStatus, Rating, ReviewStatus
from claims.imports.claimreview import RecordInvalid, rating_of
from claims.models import Claim, Review, Speaker
from claims.services.claimreviews import claimreview_import_many, import_account
from tests.claims.imports.feeds import mixed_feed, review

pytestmark = pytest.mark.django_db


def run(*paths):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_claimreviews", *map(str, paths), stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_a_mixed_feed_reports_exactly_the_bad_records_and_imports_the_rest_twice_without_duplicates(tmp_path):
    feed = tmp_path / "partner.json"
    feed.write_text(json.dumps(mixed_feed()))
    ok, out, err = run(feed)
    assert not ok
    failed = [line for line in err.splitlines() if ": failed: " in line]
    assert failed == [
        f"{feed}dataFeedElement[1].item[1]: failed: url must be an http:// or https:// address.",
        f"{feed}dataFeedElement[2].item[0]: failed: reviewRating is missing.",
    ]
    assert "3 imported, 0 unchanged, 2 failed" in out
    assert Review.objects.filter(origin=ClaimOrigin.IMPORTED).count() == 3
    counts = (Claim.objects.count(), Review.objects.count(), Speaker.objects.count())

    ok, out, err = run(feed)
    assert not ok
    assert "0 imported, 3 unchanged, 2 failed" in out
    assert (Claim.objects.count(), Review.objects.count(), Speaker.objects.count()) == counts
    assert Speaker.objects.filter(name="Morgan Tideway").count() == 1


def test_imported_records_keep_their_source_and_enter_published(tmp_path):
    report = claimreview_import_many(document=review(7), user=import_account(), source_name="partner.json")
    assert [outcome.status for outcome in report.records] == ["imported"]
    imported = Review.objects.select_related("claim__speaker", "claim__article__outlet").get()
    assert imported.origin == ClaimOrigin.IMPORTED and imported.status == ReviewStatus.PUBLISHED
    assert imported.published_url == "https://partner.example/checks/7"
    assert imported.source_publisher == "Partner Desk"
    assert imported.rating == Rating.MOSTLY_FALSE  # 2 on a 1..5 scale
    assert imported.summary == "Tunnel opening date is not set (7)"
    claim = imported.claim
    assert claim.origin == ClaimOrigin.IMPORTED and claim.status == ClaimStatus.PUBLISHED
    assert claim.text == claim.article.body[claim.start : claim.end]
    assert claim.speaker.name == "Morgan Tideway"
    assert claim.article.url == "https://coastal.example/news/7" and claim.article.outlet.name == "Coastal Times"
    assert json.loads(claim.article.raw_text)["url"] == "https://partner.example/checks/7"
    assert not import_account().has_usable_password() and not import_account().is_active


@pytest.mark.parametrize(
    ("document", "positions"),
    [
        (review(1), ["[0]"]),
        ([review(1), review(2)], ["[0]", "[1]"]),
        (
            {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, review(1), review(2)]},
            ["@graph[1]", "@graph[2]"],
        ),
        ({"@type": "DataFeed", "dataFeedElement": [{"item": review(1)}]}, ["dataFeedElement[0].item[0]"]),
    ],
)
def test_every_shape_is_read(document, positions):
    report = claimreview_import_many(document=document, user=import_account(), source_name="t")
    assert [outcome.position for outcome in report.records] == positions
    assert {outcome.status for outcome in report.records} == {"imported"}


def test_nesting_past_any_feed_is_a_bad_record_not_a_crash():
    deep = review(1)
    for _ in range(2000):
        deep = [deep]
    report = claimreview_import_many(document=deep, user=import_account(), source_name="t")
    assert [(o.status, o.reason) for o in report.records] == [("failed", "not a ClaimReview (its @type).")]


def test_a_record_that_fails_leaves_nothing_behind():
    before = (Claim.objects.count(), Speaker.objects.count())
    bad = review(1, claimReviewed="")
    report = claimreview_import_many(document=[bad, {"@type": "Person"}], user=import_account(), source_name="t")
    assert [(o.status, o.reason) for o in report.records] == [
        ("failed", "claimReviewed is missing."),
        ("failed", "not a ClaimReview (its @type)."),
    ]
    assert (Claim.objects.count(), Speaker.objects.count()) == before


def test_ratings_are_read_by_name_then_by_position_on_the_partners_scale():
    assert rating_of({"alternateName": "Half true"})[0] == Rating.HALF_TRUE
    assert rating_of({"ratingValue": 10, "bestRating": 10, "worstRating": 0})[0] == Rating.TRUE
    assert rating_of({"ratingValue": "0", "bestRating": 10, "worstRating": 0, "alternateName": "Nope"}) == (
        Rating.FALSE,
        "Nope",
    )
    with pytest.raises(RecordInvalid, match="not between"):
        rating_of({"ratingValue": 7})
    with pytest.raises(RecordInvalid, match="no ratingValue"):
        rating_of({"alternateName": "Sort of"})


def test_unreadable_file_is_one_line_and_the_others_still_import(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    good = tmp_path / "good.json"
    good.write_text(json.dumps([review(1)]))
    ok, out, err = run(broken, tmp_path / "missing.json", good)
    assert not ok
    assert f"{broken}: failed: Expecting property name" in err
    assert f"{tmp_path / 'missing.json'}: failed:" in err
    assert f"{good}: 1 imported" in out
    assert Review.objects.count() == 1
