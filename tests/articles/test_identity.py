"""An article is one story: known by its canonical URL, else by its normalised text; near-duplicates are
reported; changed text at a known URL is a new version, flagged when it carries no correction note."""

import json

import pytest
from django.core.exceptions import ValidationError

from articles.identity import canonical_url, sketch_similarity, text_hash, text_sketch
from articles.models import Article, ArticleVersion
from articles.services import LikelyDuplicate, article_import
from articles.versions import correction_notes, word_diff

pytestmark = pytest.mark.django_db

BODY = (
    "The harbour board voted on Monday to double mooring fees from April.\n\n"
    "Its chair, Grace Lindqvist, said: “The quay walls are crumbling and someone has to pay for them.”\n\n"
    "Fishermen said the rise would drive boats to other ports. “Half of us will be gone by summer,” "
    "said skipper Rob Tennant.\n\n"
    "The board said: “Local boats will get a discount of forty per cent for the first year.”"
)
RAW_FILE = f" date 2026-03-02 Harbour fees to double\n\n{BODY}\n"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.com/story/", "https://news.example.com/story"),
        ("http://www.news.example.com/story?utm_source=x&utm_medium=y", "https://news.example.com/story"),
        ("https://news.example.com:443/story#comments", "https://news.example.com/story"),
        ("https://news.example.com/story?b=2&a=1&fbclid=abc", "https://news.example.com/story?a=1&b=2"),
        ("https://news.example.com/", "https://news.example.com"),
        ("https://news.example.com:8080/a//b/", "https://news.example.com:8080/a/b"),
        ("ftp://news.example.com/story", ""),
        ("", ""),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_normalised_text_ignores_quote_styles_spacing_and_case():
    assert text_hash("He said: “Yes — now.”\n\n") == text_hash('he  said: "Yes - now."')
    assert text_hash("He said yes.") != text_hash("He said no.")


def test_sketches_estimate_similarity():
    edited = BODY.replace("Monday", "Tuesday")
    assert sketch_similarity(text_sketch(BODY), text_sketch(edited)) > 0.8
    other = "A new library opens in the old town hall next week, the mayor announced on Friday evening."
    assert sketch_similarity(text_sketch(BODY), text_sketch(other)) < 0.2


def test_the_same_text_pasted_as_file_and_as_json_with_url_is_one_article():
    pasted = article_import(raw=BODY, headline="Harbour fees to double", source_name="admin")
    from_file = article_import(raw=RAW_FILE, source_name="harbour.txt")
    record = json.dumps({"body": BODY.replace("“", '"').replace("”", '"')})
    from_json = article_import(raw=json.loads(record)["body"], url="https://port.example/news/fees?utm_campaign=a")
    assert pasted.created and not from_file.created and not from_json.created
    assert Article.objects.count() == 1
    article = Article.objects.get()
    # The text first came without an address; the JSON import made it known by its URL.
    assert article.canonical_url == "https://port.example/news/fees"
    assert from_json.article.pk == from_file.article.pk == article.pk
    assert ArticleVersion.objects.filter(article=article).count() == 1


def test_changed_text_at_a_known_url_is_a_new_version_and_a_silent_edit_without_note():
    url = "https://port.example/news/fees"
    first = article_import(raw=BODY, url=url).article
    edited = BODY.replace("forty per cent", "thirty per cent")
    second = article_import(raw=edited, url=url + "/?utm_source=feed")
    assert second.updated and second.article.pk == first.pk
    assert second.previous_body == BODY
    article = Article.objects.get()
    assert article.body == edited
    versions = list(article.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].body == BODY and versions[1].body == edited
    assert versions[1].silent_edit and versions[1].first_seen_at >= versions[0].first_seen_at
    # Seeing either text again records nothing new.
    assert article_import(raw=BODY, url=url).status == "unchanged"
    assert article_import(raw=edited, url=url).status == "unchanged"
    assert article.versions.count() == 2


def test_a_version_with_a_correction_note_is_not_silent():
    url = "https://port.example/news/fees"
    article_import(raw=BODY, url=url)
    corrected = (
        BODY.replace("forty", "thirty") + "\n\nCorrection: an earlier version gave the discount as forty per cent."
    )
    version = article_import(raw=corrected, url=url).version
    assert not version.silent_edit
    assert version.correction_note.startswith("Correction:")


def test_correction_notes_only_count_when_new():
    note = "This article was amended on 3 March to correct the discount."
    assert correction_notes("Text.", f"Text.\n{note}") == [note]
    assert correction_notes(f"Text.\n{note}", f"Other text.\n{note}") == []
    assert correction_notes("Text.", "An update on the harbour: fees rise.") == []


def test_text_almost_the_same_as_a_stored_article_is_reported_with_a_link():
    original = article_import(raw=BODY).article
    nearly = BODY.replace("Monday", "Tuesday").replace("“Half of us", "“Half of us, maybe more,")
    with pytest.raises(LikelyDuplicate) as refused:
        article_import(raw=nearly)
    assert refused.value.article == original
    assert isinstance(refused.value, ValidationError)
    assert f"article #{original.pk}" in refused.value.message_dict["body"][0]
    assert Article.objects.count() == 1
    stored = article_import(raw=nearly, allow_duplicate=True)
    assert stored.created and Article.objects.count() == 2


def test_a_different_article_is_not_a_duplicate():
    article_import(raw=BODY)
    other = (
        "The library will open on Sundays from May, the council said.\n\n"
        "“Readers have asked for this for years,” said librarian Ana Petrova."
    )
    assert article_import(raw=other).created


def test_word_diff_marks_removed_and_added_words():
    ops = word_diff("The fee is forty per cent.", "The fee is thirty per cent.")
    assert [(op.op, op.text) for op in ops if op.op != "equal"] == [("delete", "forty"), ("insert", "thirty")]
    assert "".join(op.text for op in ops if op.op != "delete") == "The fee is thirty per cent."
