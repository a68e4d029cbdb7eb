"""Cleaning keeps the characters of the text and removes only markers, headlines and boilerplate."""

import datetime as dt
from pathlib import Path

import pytest

from articles.cleaning import clean_article

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_date_marker_becomes_the_publication_date_and_leaves_the_body():
    cleaned = clean_article(seed("001"))
    assert cleaned.published == dt.date(2018, 12, 20)
    assert cleaned.body.startswith("A former minister has resigned")
    assert " date 2018" not in cleaned.body


def test_short_first_line_without_full_stop_is_the_headline():
    cleaned = clean_article(seed("002"))
    assert cleaned.headline == "Labour leader Jeremy Corbyn told to disown anti-Semitic supporters"
    assert cleaned.body.startswith("The rift between")


def test_without_a_headline_line_the_lead_sentence_names_the_article_and_stays_in_the_body():
    cleaned = clean_article(seed("003"))
    assert cleaned.headline.startswith("KEN Livingstone has resigned from the Labour Party")
    assert cleaned.body.startswith("KEN Livingstone has resigned")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_boilerplate_is_dropped(prefix):
    body = clean_article(seed(prefix)).body
    assert "READ MORE" not in body
    assert "privacy settings" not in body
    assert "Please click here" not in body


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_every_kept_paragraph_is_verbatim_from_the_file(prefix):
    raw = seed(prefix)
    for paragraph in clean_article(raw).body.split("\n\n"):
        assert paragraph in raw


def test_curly_quotes_dashes_and_non_breaking_spaces_survive():
    raw = "Budget row deepens\n\nThe minister said: “Growth is 2\u00a0per cent — at least.”\n"
    cleaned = clean_article(raw)
    assert cleaned.body == "The minister said: “Growth is 2\u00a0per cent — at least.”"


def test_windows_line_endings_are_read_as_lines():
    cleaned = clean_article("Headline here\r\n\r\nFirst paragraph.\r\n")
    assert cleaned.headline == "Headline here"
    assert cleaned.body == "First paragraph."


def test_an_impossible_date_marker_is_left_in_the_text():
    cleaned = clean_article(" date 2018-13-45 Something happened today.\n\nMore.")
    assert cleaned.published is None
    assert "2018-13-45" in cleaned.body
