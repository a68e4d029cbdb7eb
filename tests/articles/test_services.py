"""article_import: validation, deduplication by content, and two imports of one text racing."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from articles.models import Article
from articles.services import article_import

pytestmark = pytest.mark.django_db

TEXT = "Dam report published\n\nThe engineer said: “The dam is safe for another fifty years.”\n"


def test_import_cleans_and_stores_the_raw_text_for_provenance():
    result = article_import(raw=TEXT, source_name="dam.txt", outlet_name="Valley News")
    article = result.article
    assert result.created
    assert article.headline == "Dam report published"
    assert article.body == "The engineer said: “The dam is safe for another fifty years.”"
    assert article.raw_text == TEXT
    assert article.outlet.name == "Valley News"
    assert len(article.content_hash) == 64


def test_import_moves_a_byline_line_out_of_the_body():
    raw = "Dam report published\nBy Mirela Santos, Science Editor\n\nThe engineer said: “The dam is safe.”\n"
    article = article_import(raw=raw).article
    assert article.byline == "Mirela Santos, Science Editor"
    assert article.body == "The engineer said: “The dam is safe.”"
    other = "Bridge reopens\nBy Mirela Santos\n\nThe council said the bridge would reopen on Monday.\n"
    assert article_import(raw=other, byline="Desk").article.byline == "Desk"  # a given byline wins


def test_outlets_are_matched_case_insensitively():
    first = article_import(raw=TEXT, outlet_name="Valley News").article
    other = "Ferry timetable changes\n\nThe operator said: “Winter sailings start in October.”"
    second = article_import(raw=other, outlet_name="valley news").article
    assert first.outlet == second.outlet


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "empty"), ("   \n", "empty"), ("a\x00b", "NUL"), ("READ MORE: elsewhere\n", "no text")],
)
def test_text_that_is_not_an_article_is_refused_with_a_field_message(raw, message):
    with pytest.raises(ValidationError) as refused:
        article_import(raw=raw)
    assert message in " ".join(refused.value.message_dict["body"])
    assert Article.objects.count() == 0


def test_oversized_text_is_refused(settings):
    settings.ARTICLE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than the limit"):
        article_import(raw=TEXT)


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_text_at_once_store_one_article():
    barrier = threading.Barrier(2)
    results = []

    def import_once():
        try:
            barrier.wait()
            results.append(article_import(raw=TEXT))
        finally:
            connection.close()

    threads = [threading.Thread(target=import_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Article.objects.count() == 1
    assert sorted(result.created for result in results) == [False, True]
    assert len({result.article.pk for result in results}) == 1
