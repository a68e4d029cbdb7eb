"""The fast paths of extraction (caches, str.find and split scans) agree with their plain definitions."""

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import phrases, quotes, responses, text
from claims.extraction.text import Token, tokenize

# Text made of the characters the fast paths treat specially: spaces and other whitespace, marks,
# apostrophes and hyphens inside words, digits, capitals, non-ASCII letters and numerals.
PIECES = st.lists(
    st.sampled_from(
        [*list("ab.'’-_ \n\t1é²ⅣZ,:!?“”‘\"~"), "\u00a0", "\u2028", "  ", "word", "Word", "U.S.", "said,", "BBC",
         "NHS", "O'NEILL", "FORMER", "the", "The", "minister's", "walked", "Will", "for", "who", "(", ")"]
    ),
    max_size=40,
).map("".join)  # fmt: skip

_TOKEN = re.compile(r"[^\W_](?:[\w'’\-.]*[^\W_])?|\S")


def _reference_tokens(masked: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(masked, lo, hi):
        word = found[-1][0] if found else ""
        # A dot right after an initial or a title ("B.", "Mr.") belongs to it.
        if (
            m.group() == "."
            and found
            and found[-1][2] == m.start()
            and ((len(word) == 1 and word.isupper()) or (word[:1].isupper() and word.lower() in _NAME_ABBREVIATIONS))
        ):
            found[-1] = (word + ".", found[-1][1], m.end())
        else:
            found.append((m.group(), *m.span()))
    return found


_NAME_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "rev", "sen", "rep", "gov", "gen", "col", "capt", "sgt", "lt",
                       "cllr", "mx", "jr", "sr", "st", "messrs"}  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(PIECES, st.integers(0, 40), st.integers(0, 40))
def test_tokens_are_those_of_the_token_pattern(body, a, b):
    a, b = sorted((min(a, len(body)), min(b, len(body))))
    spans = [(a, b, 0)] if b > a else []
    tokens = tokenize(body, spans)
    words = [(t.text, t.start, t.end) for t in tokens if t.quote is None]
    expected = _reference_tokens(body, 0, a if spans else len(body))
    if spans:
        expected += _reference_tokens(body, b, len(body))
    assert words == expected
    for tok in tokens:
        if tok.quote is None:
            word = tok.text[:-1] if len(tok.text) > 1 and tok.text.endswith(".") else tok.text
            assert (tok.low, tok.is_cap) == (text.strip_possessive(word).lower(), tok.text[:1].isupper())


def _reference_stems(value: str) -> set[str]:
    found = set()
    first = True
    for initial, word in re.findall(r"([.!?:][\s“”\"‘’']*)?([^\W\d_][\w'’\-]*)", value):
        if word[0].isupper() and not initial and not first:
            continue
        first = False
        stem = responses._stem(word)
        if stem:
            found.add(stem)
    return found


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_stems_are_read_word_by_word(value):
    assert responses.stems(value) == _reference_stems(value)
    assert responses.lowered_words(value) == {w.lower() for w in re.findall(r"[^\W\d_][\w'’\-]*", value)}


def _reference_shadow(body: str) -> str:
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\u2028\u2029]", " ", body).replace("\t", " ")
    # Two (or three) apostrophes are a double mark, placed on the side away from the quoted words.
    out = list(value)
    for match in re.finditer(r"(?<!')'{2,3}(?!')", value):
        closing = match.start() > 0 and not value[match.start() - 1].isspace()
        mark = ['"', " "] if closing else [" ", '"']
        if len(match.group()) == 3:
            mark = ["'", *mark] if closing else [*mark, "'"]
        out[match.start() : match.end()] = mark
    value = "".join(out)
    caps = Counter(re.findall(r"\b[A-Z]{2,}\b", value))
    out = list(value)
    for match in re.finditer(r"(?m)^[ \t“”\"‘’']*([A-Z][A-Z'’\-]+)\b(?=[ \t]+\S*[a-z])", value):
        word = match.group(1)
        if caps[word] <= 1:
            out[match.start(1) + 1 : match.end(1)] = word[1:].lower()
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_shadow_title_cases_lead_words_unless_used_again(body):
    assert text.shadow(body) == _reference_shadow(body)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_title_test_agrees_with_its_definition(quoted):
    words = re.findall(r"[^\W\d_][\w'’\-]*", quoted)
    long_words = [w for w in words if len(w) > 3]
    expected = (
        len(quoted) <= 160
        and not quoted.rstrip().endswith((".", "!", "?"))
        and 2 <= len(words) <= 12
        and bool(long_words)
        and all(w[0].isupper() for w in long_words)
    )
    assert quotes.looks_like_title(quoted) == expected


def _reference_stops_np(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    low = tok.low
    if tok.text in ',;:.!?"“”-–—―' or phrases.verbish(tok):
        return True
    if low in phrases.lexicon.RELATIVES or low in phrases.lexicon.CONJUNCTIONS:
        return True
    if low in phrases.lexicon.PREPOSITIONS and not tok.is_cap:
        return phrases.preposition_stops(tokens, i)
    return False


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_noun_phrase_stops_agree_with_the_word_rules(body):
    tokens = tokenize(body, [])
    for i in range(len(tokens)):
        assert phrases.stops_np(tokens, i) == _reference_stops_np(tokens, i)


@settings(max_examples=200, deadline=None)
@given(PIECES)
def test_quote_marks_are_found_in_text_order(body):
    for marks in (quotes._DOUBLE_MARKS, quotes._SINGLE_MARKS):
        assert quotes._mark_positions(body, marks) == [i for i, c in enumerate(body) if c in marks]
