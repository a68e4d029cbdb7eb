"""Noun phrases and speech verbs on the masked tokens: where a phrase starts and ends, which words say."""

from claims.extraction import lexicon
from claims.extraction.text import Token, is_dotted_initials, word_info

MAX_NP = 16


def is_speech_verb(tokens: list[Token], i: int) -> bool:
    """A speech verb that is not an infinitive (`to call for`) or an adjective."""
    tok = tokens[i]
    if tok.quote is None and tok.low in lexicon.NOUN_LIKE_SPEECH:
        return reports_after_name(tokens, i)
    if tok.quote is None and tok.low in lexicon.CALL_FORMS:
        return calls_on(tokens, i)
    if tok.quote is not None or tok.low not in lexicon.SPEECH_VERBS:
        return False
    prev = tokens[i - 1].low if i else ""
    if tok.low in _PUT:
        # "As she put it, “…”": only with "it".
        return i + 1 < len(tokens) and tokens[i + 1].low == "it"
    # "to call for" is an infinitive; "the warning", "his writing" are nouns.
    return prev != "to" and prev not in lexicon.DETERMINERS and prev not in lexicon.POSSESSIVES


def reports_after_name(tokens: list[Token], i: int) -> bool:
    """`The Courier reports that …` / `The Tribune notes: “…”`: a noun-like -s form used as the verb, between
    a capitalised name and what it says."""
    if i == 0 or i + 1 >= len(tokens) or tokens[i].is_cap:
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    return (
        prev.is_cap
        and prev.low not in lexicon.FUNCTION_WORDS
        and (nxt.low == "that" or nxt.text == ":" or nxt.quote is not None)
    )


def calls_on(tokens: list[Token], i: int) -> bool:
    """`X is calling on the mayor to …` / `X called for a ban`: a demand, not a name or a telephone call."""
    if i + 2 >= len(tokens) or tokens[i].is_cap or tokens[i + 1].low not in {"on", "for"}:
        return False
    prev = tokens[i - 1].low if i else ""
    owned = prev.endswith(("'", "’", "'s", "’s")) or prev in lexicon.POSSESSIVES  # "Costa's call for …": a noun
    if prev == "to" or prev in lexicon.DETERMINERS or owned or tokens[i + 2].low in lexicon.DAYS:
        return False
    ahead = tokens[i + 2 : i + 9]
    if tokens[i + 1].low == "on":
        return any(t.low == "to" for t in ahead)  # "calling on the mayor to resign"
    return any(t.quote is not None for t in ahead[:3])  # "called for “a full inquiry”"


def initials_dot(tokens: list[Token], j: int) -> bool:
    """Whether the dot at j closes dotted initials (`G.K` + `.`) written right before it."""
    prev = tokens[j - 1]
    return prev.end == tokens[j].start and len(prev.text) >= 3 and is_dotted_initials(prev.text)


def verbish(tok: Token) -> bool:
    """A token that ends a subject phrase as a verb would: a quotation, an auxiliary, a speech or past verb."""
    low = tok.low
    if tok.quote is not None:
        return True
    if low in lexicon.AUXILIARIES or low in lexicon.SPEECH_VERBS or low in lexicon.COMMON_VERBS:
        return not tok.is_cap or low in {"said", "says"}
    return not tok.is_cap and len(low) > 3 and low.endswith("ed") and low not in lexicon.ADJECTIVAL_ED


_PUT = {"put", "puts"}
_GOES_ON, _STOPS, _PREPOSITION = 0, 1, 2


class _NpStops(dict):
    """Word -> whether it ends a noun phrase: _GOES_ON, _STOPS, or _PREPOSITION (it depends on its
    neighbours). A function of the word alone, so each distinct word is classified once (bounded)."""

    def __missing__(self, text: str) -> int:
        low, is_cap, _ = word_info(text)
        if low in lexicon.AUXILIARIES or low in lexicon.SPEECH_VERBS or low in lexicon.COMMON_VERBS:
            # As verbish: a capitalised auxiliary ("Will") is a name, not a verb.
            verbish = not is_cap or low in {"said", "says"}
        else:
            verbish = not is_cap and len(low) > 3 and low.endswith("ed") and low not in lexicon.ADJECTIVAL_ED
        if text in ',;:.!?"“”-–—―' or verbish or low in lexicon.RELATIVES or low in lexicon.CONJUNCTIONS:
            kind = _STOPS
        elif low in lexicon.PREPOSITIONS and not is_cap:
            kind = _PREPOSITION
        else:
            kind = _GOES_ON
        if len(self) < 100_000:
            self[text] = kind
        return kind


_NP_STOPS = _NpStops()


def preposition_stops(tokens: list[Token], i: int) -> bool:
    """Whether the preposition at i ends the phrase (it may belong to a name or a document's author)."""
    low = tokens[i].low
    # "a spokesman for the ministry": the organisation belongs to the phrase.
    if low in {"for", "at"} and i and tokens[i - 1].low in lexicon.SPOKES_NOUNS:
        return False
    # "a letter from the league", "a study by Oxford Economics": the author belongs to the phrase.
    if low in {"by", "from"} and i and tokens[i - 1].low in lexicon.DOCUMENT_NOUNS:
        return False
    # "the Office for National Statistics": a preposition between capitalised words of one name.
    return not (
        low in {"for", "on"}
        and i
        and i + 1 < len(tokens)
        and tokens[i - 1].is_cap
        and tokens[i - 1].low in lexicon.ORG_HEADS
        and tokens[i + 1].is_cap
    )


def stops_np(tokens: list[Token], i: int) -> bool:
    """Whether token i ends a noun phrase."""
    tok = tokens[i]
    if tok.quote is not None:
        return True  # a quotation is verb-like: it ends the phrase
    if tok.low in lexicon.NOUN_LIKE_SPEECH and reports_after_name(tokens, i):
        return True
    kind = _NP_STOPS[tok.text]
    return kind == _STOPS or (kind == _PREPOSITION and preposition_stops(tokens, i))


def np_forward(tokens: list[Token], i: int, end: int) -> int:
    """End index of the noun phrase starting at i."""
    j = i
    depth = 0
    stops = _NP_STOPS
    limit = min(end, i + MAX_NP)
    while j < limit:
        tok = tokens[j]
        text = tok.text
        if text == "(":
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif not depth:
            # stops_np inlined: this loop runs for every sentence.
            if tok.quote is not None:
                break
            if text == "." and j > i and j + 1 < limit and initials_dot(tokens, j) and tokens[j + 1].is_cap:
                j += 1  # "Rep. G.K. Amadi": the dot of dotted initials inside a name
                continue
            kind = stops[text]
            if kind == _STOPS or (kind == _PREPOSITION and preposition_stops(tokens, j)):
                # "of" / "for" complements are allowed; a following preposition ends it.
                break
            if j > i and tok.low in lexicon.NOUN_LIKE_SPEECH and reports_after_name(tokens, j):
                break
        j += 1
    return j


def np_backward(tokens: list[Token], start: int, j: int) -> int:
    """Start index of the noun phrase ending at token j (inclusive)."""
    k = j
    depth = 0
    while k >= start and j - k < MAX_NP:
        tok = tokens[k]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(" and depth:
            depth -= 1
        elif not depth and stops_np(tokens, k):
            break
        k -= 1
    return k + 1
