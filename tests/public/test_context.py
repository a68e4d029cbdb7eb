"""The sentence around a quotation, as the fact-check page shows it."""

from claims.public.context import CONTEXT_LIMIT, sentence_around


def split(body: str, quote: str):
    start = body.index(quote)
    return sentence_around(body, start, start + len(quote))


def test_attribution_before_and_after_stays_and_other_sentences_go():
    body = "Rain fell. The mayor said: “Buses run late. Trams too.” She left. Then lunch."
    before, quote, after = split(body, "Buses run late. Trams too.")
    assert (before, quote, after) == ("The mayor said: “", "Buses run late. Trams too.", "”")
    assert split("“We will win.” she said. Next.", "We will win.")[2] == "” she said."


def test_a_paragraph_break_ends_the_sentence():
    body = "Heading without a stop\n“Costs doubled,” he wrote in a letter\n\nNext paragraph."
    assert split(body, "Costs doubled,") == ("“", "Costs doubled,", "” he wrote in a letter")


def test_long_context_is_cut_with_an_ellipsis():
    body = "word " * 200 + "“Short quote.” " + "tail " * 200
    before, _, after = split(body, "Short quote.")
    assert before.startswith("…") and len(before) <= CONTEXT_LIMIT + 2
    assert after.endswith("…") and len(after) <= CONTEXT_LIMIT + 2
