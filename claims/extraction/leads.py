"""Sentence leads before a subject: datelines (`WASHINGTON —`), sentence adverbs, spans of time and
adverbial lead-ins (`In a statement,`), none of which is ever a speaker."""

from claims.extraction import given_names, lexicon
from claims.extraction.phrases import is_speech_verb, np_forward, verbish
from claims.extraction.text import Token

DASHES = "–—―-"
_DASHES = DASHES
_SOFT_STARTERS = {
    "yet", "but", "and", "so", "also", "then", "now", "meanwhile", "however", "still", "indeed",
    "instead", "nevertheless", "separately", "elsewhere", "previously", "afterwards", "afterward",
    # Sentence adverbs and imperatives that open a sentence before its subject ("Perhaps it is …",
    # "Wait, it gets worse:"): never a speaker.
    "perhaps", "maybe", "wait", "look", "ask", "remember", "consider", "imagine", "note", "clearly",
    "obviously", "surely", "certainly", "sadly", "ironically", "notably", "interestingly", "importantly",
    "again", "finally", "first", "second", "third", "moreover", "furthermore", "besides", "thus",
    "therefore", "hence", "anyway", "later", "earlier", "recently", "fortunately", "unfortunately",
    "frankly", "honestly", "admittedly", "apparently", "reportedly", "similarly", "likewise",
    "specifically", "immediately", "unless", "meantime", "today", "yesterday", "tonight", "overall",
    # "Hours later, X said": a span of time before the subject.
    "minutes", "hours", "days", "weeks", "months", "years", "moments", "decades", "ago",
}  # fmt: skip


def skip_lead(tokens: list[Token], a: int, b: int) -> int:
    """Index after adverbial lead-ins such as `In a statement,` or `Earlier, in a letter to X,`."""
    i = _skip_dateline(tokens, a, b)
    for _ in range(4):
        if i >= b:
            return i
        low = tokens[i].low
        if low.endswith("ing") and i + 1 < b and tokens[i + 1].text == "," and (i == a or not tokens[i].is_cap):
            i += 2  # "Adding, “…”": a participle standing alone before the quotation is no subject
            continue
        if (
            i == a
            and len(low) > 5
            and low.endswith("ed")
            and i + 1 < b
            and tokens[i + 1].text == ","
            and low not in given_names.MALE
        ):
            i += 2  # "Alarmed, Ana Costa said": a participle opening the sentence is no subject
            continue
        if low.endswith("ing") and i + 1 < b and not tokens[i + 1].is_cap and tokens[i + 1].is_word:
            subject = _after_participle_clause(tokens, i, b)
            if subject is not None:
                return subject
        if low in _SOFT_STARTERS:
            i += 1
            if i < b and tokens[i].text == ",":
                i += 1
            continue
        if low in lexicon.ADVERBIAL_STARTERS or low in lexicon.PREPOSITIONS:
            # "On “Morning Report,” Sen. Ana Costa said": a quoted title holds the lead's comma.
            comma = next(
                (
                    k
                    for k in range(i + 1, min(b, i + 40))
                    if tokens[k].text == "," or (tokens[k].quote is not None and k + 1 < b and tokens[k + 1].is_cap)
                ),
                None,
            )
            # "At the convention in Cleveland his aides forced …, …": no comma closes the lead before the
            # verb; the subject starts at the owner or determiner right before it.
            unclosed = _subject_before_verb(tokens, i, comma if comma is not None else min(b, i + 40))
            if unclosed is not None:
                return unclosed
            # "Asked about X, she said": the lead's own participle is not the sentence's speech verb.
            first = i + 1 if low.endswith(("ed", "ing")) else i
            # "In a statement announcing the pick, …": a participle in the lead describes, it does not say.
            if comma is None or any(
                tokens[k].low in lexicon.SPEECH_VERBS
                and not tokens[k].low.endswith("ing")
                and is_speech_verb(tokens, k)
                for k in range(first, comma)
            ):
                return i
            i = _after_work_title(tokens, comma, b)
            continue
        return i
    return i


def _subject_before_verb(tokens: list[Token], i: int, end: int) -> int | None:
    """Where the subject starts when a prepositional lead runs into it without a comma: the first past-tense
    verb after the lead, and the possessive or determiner that opens the phrase before it."""
    if i > 0 and not tokens[i].is_cap:
        return None  # only a lead that opens the sentence
    for m in range(i + 3, end):
        tok = tokens[m]
        if tok.quote is not None:
            return None
        past = len(tok.low) > 3 and tok.low.endswith("ed") and tok.low not in lexicon.ADJECTIVAL_ED
        if not tok.is_cap and (past or tok.low in lexicon.SPEECH_VERBS):
            k = m - 1
            while k > i + 1 and tokens[k].low not in lexicon.PREPOSITIONS:
                opener = tokens[k].low in lexicon.POSSESSIVES or tokens[k].low == "the"
                if opener and tokens[k - 1].low not in lexicon.PREPOSITIONS and tokens[k - 1].low != "of":
                    return k if k < m - 1 else None
                k -= 1
            return None
    return None


def _after_work_title(tokens: list[Token], comma: int, b: int) -> int:
    """Index after the lead `In her 2003 book, Living History,`: a work's title set off after its noun is
    no subject either."""
    i = comma + 1
    if tokens[comma - 1].low not in lexicon.WORK_NOUNS or i >= b or not tokens[i].is_cap:
        return i
    k = i
    while k < b and k - i < 8 and (tokens[k].is_cap or tokens[k].low in lexicon.FUNCTION_WORDS) and tokens[k].is_word:
        k += 1
    if k + 1 < b and k > i and tokens[k].text == "," and tokens[k + 1].is_cap:
        return k + 1
    return i


def _after_participle_clause(tokens: list[Token], i: int, b: int) -> int | None:
    """`Speaking at a rally in Salem, New Hampshire, Ana Costa said …`: where the subject starts after an
    opening participle clause (the comma after which a name or pronoun and its verb come), if it does."""
    for c in range(i + 2, min(b - 2, i + 40)):
        tok = tokens[c]
        if tok.quote is not None:
            return None
        if tok.text != ",":
            continue
        nxt = tokens[c + 1]
        if not (nxt.is_cap or nxt.low in lexicon.PRONOUNS):
            continue
        j = np_forward(tokens, c + 1, b)
        if c + 1 < j < b and verbish(tokens[j]):
            return c + 1
    return None


def _skip_dateline(tokens: list[Token], a: int, b: int) -> int:
    """Index after a dateline (`WASHINGTON —`, `Paris (AFP) –`) opening the sentence, else a."""
    for d in range(a + 1, min(b, a + 10)):
        text = tokens[d].text
        if text in _DASHES:
            lead = tokens[a:d]
            shouted = any(len(t.text) > 1 and t.text.isupper() for t in lead)
            agency = any(t.text == "(" for t in lead)
            if (shouted or agency) and all(t.is_cap or t.text in "(),." or t.text.isdigit() for t in lead):
                # "WASHINGTON -- ": a dash typed as two hyphens.
                return d + 2 if d + 1 < b and tokens[d + 1].text in _DASHES else d + 1
            return a
        if not (tokens[d].is_cap or text in "(),." or text.isdigit()):
            return a
    return a
