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


def test_headline_ending_on_a_quoted_phrase_is_still_the_headline():
    raw = 'Mayor calls audit "a witch hunt"\n\nThe mayor of Lowford said on Monday: "I have nothing to hide."\n'
    cleaned = clean_article(raw)
    assert cleaned.headline == 'Mayor calls audit "a witch hunt"'
    assert cleaned.body.startswith("The mayor of Lowford")


def test_a_lead_sentence_ending_inside_quotes_is_not_a_headline():
    raw = 'The mayor said: "I have nothing to hide."\n\nShe spoke after the vote.\n'
    cleaned = clean_article(raw)
    assert cleaned.body.startswith("The mayor said")


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Ines Okoro, Transport Correspondent", "Ines Okoro, Transport Correspondent"),
        ("By Staff Reporter", "Staff Reporter"),
        ("By Rahul K. Menon", "Rahul K. Menon"),
    ],
)
def test_a_byline_line_goes_to_the_byline_not_the_body(line, byline):
    raw = f"Tram line delayed again\n{line}\n\nThe new tram line will open a year late, the council said.\n"
    cleaned = clean_article(raw)
    assert cleaned.byline == byline
    assert cleaned.body == "The new tram line will open a year late, the council said."


def test_a_sentence_starting_with_by_is_body_text():
    raw = "Tram line delayed again\n\nBy Friday the council had spent £2m.\n\nIt said more was needed.\n"
    cleaned = clean_article(raw)
    assert cleaned.byline == ""
    assert cleaned.body.startswith("By Friday the council")
