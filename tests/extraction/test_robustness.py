"""Extraction never crashes, keeps spans exact, and stays fast on large or hostile input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract

QUOTE_HEAVY = st.lists(
    st.sampled_from([*list("“”‘’\"' \n.,:;—-abcXYZ@()"), " said ", "He ", "Mr ", " pic.twitter.com/x ", "\n\n"]),
    max_size=200,
).map("".join)


def _check(body: str) -> None:
    extraction = extract(body)
    for s in extraction.statements:
        assert 0 <= s.start <= s.end <= len(body)
        assert body[s.start : s.end] == s.text
        assert s.speaker is None or 0 <= s.speaker < len(extraction.speakers)
        assert all(0 <= i < len(extraction.statements) for i in s.responds_to)
        assert 0.0 <= s.confidence <= 1.0
    for speaker in extraction.speakers:
        assert all(0 <= m < len(extraction.speakers) for m in speaker.members)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_any_text_gives_exact_spans_and_never_raises(body):
    _check(body)


@settings(max_examples=300, deadline=None)
@given(QUOTE_HEAVY)
def test_quote_heavy_text_gives_exact_spans_and_never_raises(body):
    _check(body)


def test_edge_cases():
    for body in ["", "   ", "\x00\x01\x1b", '"', "“", "'", '"' * 999, 'a\n\n"b\n\n"c', "— X (@y) May 1, 2020"]:
        _check(body)


def test_control_characters_do_not_shift_spans():
    body = 'The minister\x07 said: "\x00We will act\x1b now."'
    [s] = extract(body).statements
    assert body[s.start : s.end] == s.text


# How long these take is measured by `bench/extraction.py --big-mb 5 --pathological`, not asserted here.


def test_a_large_article_finds_every_quotation():
    paragraph = 'Ana Ruiz, the port director, said: "Ships will dock again on Monday." She added: "We are ready."\n\n'
    body = paragraph * 20_000  # about 2 MB
    extraction = extract(body)
    assert len(extraction.statements) == 40_000
    assert all(body[s.start : s.end] == s.text for s in extraction.statements)


@pytest.mark.parametrize("body", [('"' + "word " * 50_000 + "\n") * 4, "'" * 100_000], ids=["unclosed", "apostrophes"])
def test_pathological_quotes_give_exact_spans(body):
    _check(body)
