"""How alike two claims are: the same words repeated, a quotation shortened or restyled, or a paraphrase.

The score is 0 to 1. Claims whose figures or negations differ are not the same claim however alike their
words ("fell by two per cent" / "fell by twenty per cent", "will" / "will not"), so such pairs are
marked down hard.
"""

import itertools
import re
import unicodedata

from rapidfuzz import fuzz

# Above HIGH a same-speaker pair is confirmed as a repeat without a reviewer; above LOW a pair is suggested.
HIGH_THRESHOLD = 0.9
LOW_THRESHOLD = 0.6
# The share of a claim's word pairs another claim must hold to be scored at all. Every labelled pair that is
# the same claim is above it both ways round (bench/matching.py prints the lowest).
CANDIDATE_OVERLAP = 0.4

QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
DIGIT = re.compile(r"\d")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
_UNITS += "seventeen eighteen nineteen"
NUMBER_VALUES = {word: str(value) for value, word in enumerate(_UNITS.split())}
NUMBER_VALUES |= {
    word: str(10 * (i + 2))
    for i, word in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
NUMBER_VALUES |= {"hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000"}
NUMBER_WORDS = frozenset(
    [*NUMBER_VALUES, "trillion", "half", "third", "quarter", "double", "twice", "treble", "triple"]
)
# Words that carry no claim of their own: a pair differing only in these says the same thing.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "we",
        "we've",
        "we're",
        "we'll",
        "our",
        "ours",
        "us",
        "i",
        "i'm",
        "i've",
        "my",
        "me",
        "you",
        "your",
        "he",
        "his",
        "him",
        "she",
        "her",
        "they",
        "their",
        "them",
        "so",
        "very",
        "just",
        "also",
        "than",
        "then",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "such",
        "own",
        "past",
    ]
)
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "none",
        "nobody",
        "nothing",
        "neither",
        "cannot",
        "can't",
        "won't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "shouldn't",
        "wouldn't",
        "couldn't",
        "hasn't",
        "haven't",
        "hadn't",
    ]
)
MISMATCH_FACTOR = 0.55


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(QUOTE_MARKS).casefold()
    return WORD.findall(text)


def _figures(words: list[str]) -> set[str]:
    return {NUMBER_VALUES.get(w, w) for w in words if w in NUMBER_WORDS or DIGIT.search(w)}


def _content(words: list[str]) -> set[str]:
    return {NUMBER_VALUES.get(w, w) for w in words if w not in STOPWORDS}


def _negations(words: list[str]) -> int:
    return sum(1 for w in words if w in NEGATIONS or w.endswith("n't"))


def word_pairs(text: str) -> set[tuple[str, str]]:
    """The text's adjacent words, the first and last paired with an edge mark: what candidates share."""
    words = ["^", *_words(text), "$"]
    return set(itertools.pairwise(words)) if len(words) > 2 else set()


def match_score(first: str, second: str) -> float:
    """How likely two claim texts are the same claim, 0 to 1."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return 0.0
    joined_a, joined_b = " ".join(a), " ".join(b)
    whole = fuzz.ratio(joined_a, joined_b) / 100
    # A quotation cut short elsewhere keeps its words in order; the shorter it is, the less it says.
    short, long = sorted((len(joined_a), len(joined_b)))
    contained = fuzz.partial_ratio(joined_a, joined_b) / 100 * min(1.0, 0.55 + short / long)
    # A paraphrase keeps most of the words, not their order.
    shared = fuzz.token_set_ratio(joined_a, joined_b) / 100 * min(1.0, 0.5 + short / long)
    score = max(whole, contained, shared)
    # Each side saying something the other does not ("risen" for "fallen") is a different claim in similar
    # words: it is worth no more than the share of its content words both have.
    content_a, content_b = _content(a), _content(b)
    if content_a - content_b and content_b - content_a:
        score = min(score, len(content_a & content_b) / len(content_a | content_b))
    if _figures(a) != _figures(b):
        score *= MISMATCH_FACTOR
    if (_negations(a) > 0) != (_negations(b) > 0):
        score *= MISMATCH_FACTOR
    return round(score, 3)
